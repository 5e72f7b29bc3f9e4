// Reads a project folder (content/ and assets/style.yaml) into the model.
// Shape errors (YAML syntax, unknown keys, types, missing keys, unreadable
// files) are found here; cross-references are checked by validate/.
#pragma once

#include "load/source_texts.h"
#include "model/model.h"
#include "model/style.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

/// Loads everything. Returns false when any diagnostic was added; the model
/// then holds what could be read and must not be rendered.
bool load_project(const FileSystem& files, Project* project, Style* style, Diagnostics* diags,
                  SourceTexts* texts = nullptr);

}  // namespace bilan
