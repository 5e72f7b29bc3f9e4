#pragma once

#include <vector>

#include "build/build.h"

namespace bilan {

/// The output stages of a real build, in order: the website, then the PDFs.
std::vector<Renderer> default_renderers();

}  // namespace bilan
