#include "build/renderers.h"

namespace bilan {

std::vector<Renderer> default_renderers() {
  std::vector<Renderer> r;
  return r;
}

}  // namespace bilan
