#include "build/renderers.h"

#include "render/html/site.h"
#include "render/pdf/documents.h"

namespace bilan {

std::vector<Renderer> default_renderers() {
  std::vector<Renderer> r;
  r.push_back({"html", render_site, nullptr});  // its map geometry is the PDFs' (warmed there)
  r.push_back({"pdf", render_documents, warm_documents});
  return r;
}

}  // namespace bilan
