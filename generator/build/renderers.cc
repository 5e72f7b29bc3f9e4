#include "build/renderers.h"

#include "render/html/site.h"

namespace bilan {

std::vector<Renderer> default_renderers() {
  std::vector<Renderer> r;
  r.push_back({"html", render_site});
  return r;
}

}  // namespace bilan
