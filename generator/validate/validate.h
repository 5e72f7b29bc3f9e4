// Checks that need the whole model: references between files, duplicate ids,
// and values that cannot be right (installations above contracts signed, an
// objectif dated before the observed series).
#pragma once

#include "model/model.h"
#include "model/style.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

/// Adds one diagnostic per problem; returns true when there was none.
/// `files` is used to check that referenced assets (pictograms) exist.
bool validate_project(const Project& project, const FileSystem& files, Diagnostics* diags);

}  // namespace bilan
