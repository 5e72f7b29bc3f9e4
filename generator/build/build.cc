#include "build/build.h"

#include <chrono>
#include <ostream>
#include <sstream>

#include "build/staging.h"
#include "validate/validate.h"

namespace bilan {

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

LoadedProject load_and_validate(const FileSystem& files) {
  LoadedProject lp;
  // Exceptions from libraries are turned into diagnostics by the loader; this
  // is the last net, so that no exception ever reaches a user.
  try {
    auto start = std::chrono::steady_clock::now();
    bool loaded = load_project(files, &lp.project, &lp.style, &lp.diags, &lp.texts);
    lp.load_ms = ms_since(start);
    if (loaded) {
      start = std::chrono::steady_clock::now();
      validate_project(lp.project, files, &lp.diags);
      lp.validate_ms = ms_since(start);
    }
  } catch (const std::exception& e) {
    lp.diags.push_back({{}, std::string("internal error while loading: ") + e.what()});
  }
  return lp;
}

std::string format_diagnostics(const Diagnostics& diags, const SourceTexts& texts) {
  std::string out;
  for (const auto& d : diags) {
    auto it = texts.find(d.pos.file);
    out += format_diagnostic(d, it == texts.end() ? nullptr : &it->second);
  }
  if (diags.size() > 1) out += "bilan: " + std::to_string(diags.size()) + " errors\n";
  return out;
}

void print_diagnostics(const Diagnostics& diags, const SourceTexts& texts, std::ostream& err) {
  err << format_diagnostics(diags, texts);
}

Diagnostics run_renderer(const Renderer& renderer, const LoadedProject& lp, const FileSystem& files, OutputSet* out) {
  try {
    return renderer.render(lp.project, lp.style, files, out);
  } catch (const std::exception& e) {
    return {{{}, "internal error while rendering " + renderer.name + ": " + e.what()}};
  }
}

Diagnostics render_all(const LoadedProject& lp, const FileSystem& files, const std::vector<Renderer>& renderers,
                       OutputSet* out, std::vector<StageTime>* times) {
  Diagnostics diags;
  for (const auto& r : renderers) {
    auto start = std::chrono::steady_clock::now();
    Diagnostics d = run_renderer(r, lp, files, out);
    if (times) times->push_back({r.name, ms_since(start), false});
    diags.insert(diags.end(), d.begin(), d.end());
  }
  return diags;
}

bool write_outputs_atomically(const OutputSet& outputs, const std::string& out_dir, std::string* err) {
  std::vector<PlannedFile> files;
  files.reserve(outputs.files().size());
  for (const auto& [rel, bytes] : outputs.files()) files.push_back({rel, &bytes});
  return write_folder_atomically(files, out_dir, err);
}

bool write_folder_atomically(const std::vector<PlannedFile>& files, const std::string& out_dir, std::string* err,
                             const std::function<void(size_t done, size_t total)>& progress) {
  StagingFolder folder(out_dir);
  size_t done = 0;
  for (const auto& f : files) {
    if (!folder.ok()) break;
    if (progress && done++ % 64 == 0) progress(done - 1, files.size());
    if (f.bytes) folder.write(f.path, *f.bytes);
    else folder.keep(f.path);
  }
  if (folder.commit()) return true;
  *err = folder.error();
  return false;
}

}  // namespace bilan
