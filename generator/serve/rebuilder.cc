#include "serve/rebuilder.h"

#include <chrono>

namespace bilan {

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Rebuilder::Rebuilder(const FileSystem& files, std::vector<Renderer> renderers) : cache_(files) {
  for (auto& r : renderers) stages_.push_back({std::move(r), {}, {}, true});
}

SiteFiles Rebuilder::merged() const {
  SiteFiles all;
  for (const auto& s : stages_)
    for (const auto& [path, bytes] : s.outputs) all[path] = bytes;
  return all;
}

RebuildReport Rebuilder::rebuild(const std::vector<std::string>& changed, const Publish& publish) {
  auto start = std::chrono::steady_clock::now();
  RebuildReport report;
  try {
    for (const auto& path : changed) {
      cache_.invalidate(path);
      if (path.empty()) {
        model_needs_load_ = true;
        for (auto& s : stages_) s.needs_run = true;
      }
      if (model_inputs_.affected_by(path)) model_needs_load_ = true;
      for (auto& s : stages_)
        if (s.inputs.affected_by(path)) s.needs_run = true;
    }

    if (model_needs_load_) {
      RecordingFileSystem recorder(cache_, false);
      auto lp = std::make_unique<LoadedProject>(load_and_validate(recorder));
      model_inputs_ = recorder.take();
      report.model_reloaded = true;
      report.stages.push_back({"load", lp->load_ms, false});
      report.stages.push_back({"validate", lp->validate_ms, false});
      if (!lp->ok()) {
        // The recorded inputs say which files can fix it; until then the
        // renderers keep the last good model and outputs.
        report.ok = false;
        report.error = format_diagnostics(lp->diags, lp->texts);
        report.total_ms = ms_since(start);
        return report;
      }
      model_ = std::move(lp);
      model_needs_load_ = false;
      for (auto& s : stages_) s.needs_run = true;
    }

    for (auto& s : stages_) {
      if (!s.needs_run) continue;
      auto t0 = std::chrono::steady_clock::now();
      RecordingFileSystem recorder(cache_, false);
      OutputSet out;
      Diagnostics d = run_renderer(s.renderer, *model_, recorder, &out);
      s.inputs = recorder.take();
      report.stages.push_back({s.renderer.name, ms_since(t0), false});
      if (!d.empty()) {
        report.ok = false;
        report.error += format_diagnostics(d, model_->texts);
        continue;  // this stage keeps its last good files and runs again next time
      }
      // Keep the old bytes' object where nothing changed: publishing then
      // compares pointers first.
      SiteFiles files;
      for (const auto& [path, bytes] : out.files()) {
        auto old = s.outputs.find(path);
        files[path] = old != s.outputs.end() && *old->second == bytes ? old->second
                                                                       : std::make_shared<const std::string>(bytes);
      }
      s.outputs = std::move(files);
      s.needs_run = false;
      if (report.ok) {
        report.changed_files += publish(merged()).size();
        if (report.first_publish_ms < 0) report.first_publish_ms = ms_since(start);
      }
    }
    // Nothing ran (no renderer, or a change no stage reads): publishing still
    // clears an error overlay and, the first time, replaces the waiting page.
    if (report.ok && report.first_publish_ms < 0) {
      report.changed_files += publish(merged()).size();
      report.first_publish_ms = ms_since(start);
    }
  } catch (const std::exception& e) {
    report.ok = false;
    report.error += std::string("bilan: error: internal error while rebuilding: ") + e.what() + "\n";
    model_needs_load_ = true;
    for (auto& s : stages_) s.needs_run = true;
  }
  report.total_ms = ms_since(start);
  return report;
}

}  // namespace bilan
