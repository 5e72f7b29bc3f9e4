#include "build/incremental.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "build/staging.h"

namespace bilan {

namespace stdfs = std::filesystem;

namespace {

// Joins a thread when leaving the scope (every return of build_project),
// or earlier with join().
class JoinOnExit {
 public:
  explicit JoinOnExit(std::thread* t) : t_(t) {}
  ~JoinOnExit() { join(); }
  JoinOnExit(const JoinOnExit&) = delete;
  JoinOnExit& operator=(const JoinOnExit&) = delete;
  void join() {
    if (t_->joinable()) t_->join();
  }

 private:
  std::thread* t_;
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

stdfs::path output_folder(const std::string& out_dir) {
  std::error_code ec;
  stdfs::path out = stdfs::absolute(out_dir, ec);
  if (out.filename().empty()) out = out.parent_path();
  return out;
}

bool stat_file(const stdfs::path& p, std::uint64_t* size, std::int64_t* mtime_ns) {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  *size = static_cast<std::uint64_t>(st.st_size);
  *mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return true;
}

// True when the file at `p` is still the one the manifest recorded.
bool intact(const stdfs::path& p, const OutputRecord& r) {
  std::uint64_t size;
  std::int64_t mtime;
  return stat_file(p, &size, &mtime) && size == r.size && mtime == r.mtime_ns;
}

// True when the file at `p` has the content digest `digest`.
bool same_digest(const stdfs::path& p, const std::string& digest) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return !in.bad() && content_digest(old) == digest;
}

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// Files of the old output folder, relative to it.
std::set<std::string> old_files(const stdfs::path& out) {
  std::set<std::string> files;
  std::error_code ec;
  if (!stdfs::is_directory(out, ec)) return files;
  // Paths are cut textually: std::filesystem::relative canonicalises both
  // sides with a system call per component, which made this the slowest
  // part of a no-change build.
  std::string prefix = out.string() + "/";
  for (stdfs::recursive_directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string p = it->path().string();
    if (it->is_regular_file(ec) && p.compare(0, prefix.size(), prefix) == 0) files.insert(p.substr(prefix.size()));
  }
  return files;
}

bool write_text_atomically(const std::string& path, const std::string& text, std::string* err) {
  std::error_code ec;
  stdfs::create_directories(stdfs::path(path).parent_path(), ec);
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.good()) {
      *err = "cannot write '" + tmp + "'";
      return false;
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *err = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

// Every path whose answer differs between two records of what loading read:
// files read with other bytes, read by one only, listed folders whose
// listing changed, paths whose existence changed.
std::set<std::string> changed_paths(const InputRecord& a, const InputRecord& b) {
  std::set<std::string> changed;
  auto diff = [&](const auto& x, const auto& y) {
    for (const auto& [path, v] : x) {
      auto it = y.find(path);
      if (it == y.end() || it->second != v) changed.insert(path);
    }
    for (const auto& [path, v] : y)
      if (!x.count(path)) changed.insert(path);
  };
  diff(a.reads, b.reads);
  diff(a.lists, b.lists);
  diff(a.exists, b.exists);
  diff(a.dirs, b.dirs);
  return changed;
}

// Lets a renderer whose templates and assets are unchanged keep the files
// of the previous build that the changed content files cannot reach.
class PreviousOutputs : public OutputReuse {
 public:
  PreviousOutputs(const StageRecord* previous, stdfs::path out, const std::set<std::string>* changed)
      : previous_(previous), out_(std::move(out)), changed_(changed) {}

  bool can_keep(const std::string& path, const std::function<bool(const std::string&)>& unread) const override {
    auto rec = previous_->outputs.find(path);
    if (rec == previous_->outputs.end()) return false;
    for (const std::string& f : *changed_)
      if (!unread(f)) return false;
    return intact(out_ / path, rec->second);
  }

 private:
  const StageRecord* previous_;
  stdfs::path out_;
  const std::set<std::string>* changed_;
};

// What one renderer contributes to this build.
struct StageOutcome {
  const Renderer* renderer = nullptr;
  bool kept = false;                       ///< not run: its previous outputs are kept as they are
  const StageRecord* previous = nullptr;   ///< its record in the old manifest, if any
  std::unique_ptr<PreviousOutputs> reuse;  ///< when it runs and may keep some files
  std::unique_ptr<OutputSet> outputs;      ///< when run
  InputRecord inputs;                      ///< when run
};

}  // namespace

bool read_manifest(const std::string& out_dir, Manifest* m) {
  std::ifstream in(manifest_path(out_dir), std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_manifest(ss.str(), m) && m->tool == tool_identity();
}

BuildResult build_project(const FileSystem& files, const std::string& out_dir, const std::vector<Renderer>& renderers,
                          const BuildOptions& options) {
  auto start = std::chrono::steady_clock::now();
  BuildResult result;
  BuildSummary& sum = result.summary;
  sum.out_dir = out_dir;
  stdfs::path out = output_folder(out_dir);
  auto stage = [&](const std::string& name) {
    if (options.on_stage) options.on_stage(name);
  };

  Manifest old;
  bool have_old = false;
  std::error_code ec;
  if (options.clean) {
    sum.notes.push_back("--clean: every file rendered and written");
  } else if (!stdfs::is_directory(out, ec)) {
    sum.notes.push_back("no previous output: full build");
  } else if (!read_manifest(out_dir, &old)) {
    sum.notes.push_back("no usable manifest (" + manifest_path(out_dir) + "): every renderer runs");
  } else {
    have_old = true;
  }

  // While the content loads on this thread, two helpers do what does not
  // depend on it: one fills the renderers' caches (Renderer::warm), one
  // checks the previous build's record of each renderer (its files still as
  // left, its templates and assets still the same).
  std::vector<char> files_intact(renderers.size(), 0), inputs_same(renderers.size(), 0);
  std::thread checker([&] {
    for (size_t i = 0; have_old && i < renderers.size(); ++i) {
      const StageRecord* previous = old.find(renderers[i].name);
      if (!previous) continue;
      try {
        files_intact[i] = std::all_of(previous->outputs.begin(), previous->outputs.end(),
                                      [&](const auto& e) { return intact(out / e.first, e.second); });
        inputs_same[i] = previous->inputs.still_valid(files);
      } catch (const std::exception&) {
        files_intact[i] = inputs_same[i] = 0;  // then the renderer runs
      }
    }
  });
  JoinOnExit checker_done(&checker);
  std::thread warmer([&] {
    for (const Renderer& r : renderers) {
      if (!r.warm) continue;
      try {
        r.warm(files);
      } catch (const std::exception&) {
        // render meets the problem again and reports it
      }
    }
  });
  JoinOnExit warmer_done(&warmer);

  // Load and validate, recording what they read.
  stage("load");
  RecordingFileSystem model_files(files, true);
  result.loaded = load_and_validate(model_files);
  sum.stages.push_back({"load", result.loaded.load_ms, false});
  sum.stages.push_back({"validate", result.loaded.validate_ms, false});
  if (!result.loaded.ok()) return result;
  InputRecord model_inputs = model_files.take();
  bool model_same = have_old && old.model == model_inputs;
  std::set<std::string> changed;
  if (have_old && !model_same) {
    changed = changed_paths(old.model, model_inputs);
    sum.notes.push_back("content changed (" + std::to_string(changed.size()) + " paths): the renderers run");
  }

  // Render what may have changed. The renderers that run, run at the same
  // time, one thread each (the site and the PDFs share nothing but the
  // model, which they only read): the build takes as long as the slowest.
  std::vector<StageOutcome> outcomes;
  std::vector<double> check_ms;
  auto t_check = std::chrono::steady_clock::now();
  checker_done.join();
  const double wait_ms = ms_since(t_check);  // the checks' time beyond the load's
  for (size_t i = 0; i < renderers.size(); ++i) {
    const Renderer& r = renderers[i];
    StageOutcome o;
    o.renderer = &r;
    o.previous = have_old ? old.find(r.name) : nullptr;
    auto t0 = std::chrono::steady_clock::now();
    if (o.previous) {
      if (!files_intact[i]) sum.notes.push_back(r.name + ": files of the previous build were changed: runs again");
      else if (!inputs_same[i]) sum.notes.push_back(r.name + ": templates or assets changed: runs again");
      else if (model_same) o.kept = true;
      // Content changed but not the renderer's own inputs: it may keep the
      // files the changed content files cannot affect (OutputSet::keep_previous).
      else o.reuse = std::make_unique<PreviousOutputs>(o.previous, out, &changed);
    }
    if (o.kept)
      sum.notes.push_back(r.name + ": inputs unchanged: " + std::to_string(o.previous->outputs.size()) + " files kept");
    check_ms.push_back(ms_since(t0) + (i == 0 ? wait_ms : 0));
    outcomes.push_back(std::move(o));
  }
  std::vector<size_t> to_run;
  for (size_t i = 0; i < outcomes.size(); ++i)
    if (!outcomes[i].kept) to_run.push_back(i);

  // Every file of the old build, by path, with its record.
  std::map<std::string, const OutputRecord*> old_records;
  if (have_old)
    for (const auto& r : old.renderers)
      for (const auto& [path, rec] : r.outputs) old_records[path] = &rec;

  // The new folder is filled as the renderers make files, so that a build of
  // many pages never holds them all.
  std::unique_ptr<StagingFolder> folder;
  std::unique_ptr<StagingSink> sink;
  if (!to_run.empty()) {
    folder = std::make_unique<StagingFolder>(out_dir);
    if (!folder->ok()) {
      result.error = folder->error();
      return result;
    }
    // A file the old folder holds with the same bytes is linked, not written.
    StagingSink::Unchanged unchanged;
    if (have_old)
      unchanged = [&old_records, &out](const std::string& path, const std::string& digest) {
        auto rec = old_records.find(path);
        return rec != old_records.end() && rec->second->digest == digest && intact(out / path, *rec->second);
      };
    sink = std::make_unique<StagingSink>(folder.get(), std::move(unchanged));
  }
  std::vector<Diagnostics> diags(outcomes.size());
  std::vector<double> render_ms(outcomes.size(), 0);
  auto render = [&](size_t i) {
    StageOutcome& o = outcomes[i];
    auto t0 = std::chrono::steady_clock::now();
    RecordingFileSystem render_files(files, true);
    o.outputs = std::make_unique<OutputSet>(sink.get());
    if (o.reuse) o.outputs->set_reuse(o.reuse.get());
    diags[i] = run_renderer(*o.renderer, result.loaded, render_files, o.outputs.get());
    o.inputs = render_files.take();
    render_ms[i] = ms_since(t0);
  };
  for (size_t i : to_run) stage(outcomes[i].renderer->name);
  {
    std::vector<std::thread> threads;
    // The last renderer (the PDFs, the longest) runs on this thread: a new
    // thread can wait a few milliseconds for a core (measured: 3.7 ms before
    // the PDF stage started when it had the new thread).
    for (size_t k = 0; k + 1 < to_run.size(); ++k) threads.emplace_back(render, to_run[k]);
    if (!to_run.empty()) render(to_run.back());
    for (std::thread& t : threads) t.join();
  }
  for (size_t i = 0; i < outcomes.size(); ++i) {
    sum.stages.push_back({outcomes[i].renderer->name, check_ms[i] + render_ms[i], outcomes[i].kept});
    result.render_diags.insert(result.render_diags.end(), diags[i].begin(), diags[i].end());
  }
  if (!result.render_diags.empty()) return result;  // the staging folder goes with `folder`
  if (folder && !folder->ok()) {
    result.error = folder->error();
    return result;
  }

  // The new folder: each path with the renderer that made it.
  stage("write");
  auto t_write = std::chrono::steady_clock::now();
  struct Source {
    size_t stage;
    const OutputRecord* old = nullptr;  // a file kept from the previous build
    std::string digest;
    std::uint64_t size = 0;
    bool linked = false;  // the old file, linked into the new folder already
  };
  std::map<std::string, Source> final_files;
  auto claim = [&](const std::string& path, Source src) {
    auto [it, fresh] = final_files.emplace(path, src);
    if (!fresh)
      result.render_diags.push_back({SourcePos{}, "'" + path + "' is made by both the " +
                                                      outcomes[it->second.stage].renderer->name + " and the " +
                                                      outcomes[src.stage].renderer->name + " renderers"});
  };
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const StageOutcome& o = outcomes[i];
    if (o.kept) {
      for (const auto& [path, rec] : o.previous->outputs) claim(path, {i, &rec, rec.digest, rec.size});
      continue;
    }
    for (const std::string& path : o.outputs->paths()) {
      const StagingSink::Written& w = sink->written().at(path);
      claim(path, {i, nullptr, w.digest, w.size, w.linked});
    }
    for (const std::string& path : o.outputs->kept()) {
      const OutputRecord& rec = o.previous->outputs.at(path);
      claim(path, {i, &rec, rec.digest, rec.size});
    }
    size_t kept = o.outputs->kept().size();
    if (kept)
      sum.notes.push_back(o.renderer->name + ": " + std::to_string(kept) + " of " +
                          std::to_string(kept + o.outputs->paths().size()) +
                          " files kept (the changed content does not reach them)");
  }
  if (!result.render_diags.empty()) return result;
  std::set<std::string> before = options.clean ? std::set<std::string>() : old_files(out);

  // Which files are new, and which are the old folder's file again.
  std::vector<std::string> keep_paths;
  for (auto& [path, src] : final_files) {
    bool same = src.old != nullptr || src.linked;
    if (!same && before.count(path)) {
      auto rec = old_records.find(path);
      same = rec != old_records.end() ? rec->second->digest == src.digest && intact(out / path, *rec->second)
                                      : same_digest(out / path, src.digest);  // no record: the file itself
    }
    if (same) {
      ++sum.unchanged;
      if (!src.linked) keep_paths.push_back(path);
    } else {
      ++sum.written;
      sum.written_paths.push_back(path);
    }
    if (ends_with(path, ".html")) ++sum.pages;
    else if (ends_with(path, ".pdf")) ++sum.pdfs;
    else ++sum.other;
  }
  for (const auto& path : before)
    if (!final_files.count(path)) sum.removed_paths.push_back(path);
  sum.removed = sum.removed_paths.size();

  // Nothing to change: the old folder already holds exactly these files, so
  // it stays (swapping in the new one would only change modification times).
  bool same_folder = have_old && sum.written == 0 && sum.removed == 0;
  if (same_folder) {
    sum.notes.push_back("no file changed: the output folder is left as it was");
    if (folder) folder->discard();
  } else {
    if (!folder) folder = std::make_unique<StagingFolder>(out_dir);
    // Unchanged files are the old ones, linked: their modification times stay.
    size_t done = 0;
    for (const std::string& path : keep_paths) {
      if (options.on_write && done++ % 64 == 0) options.on_write(done - 1, keep_paths.size());
      if (!folder->keep(path)) break;
    }
    if (!folder->commit()) {
      result.error = folder->error();
      return result;
    }
  }
  if (options.on_write) options.on_write(keep_paths.size(), keep_paths.size());
  sum.stages.push_back({"write", ms_since(t_write), false});

  // The manifest of what is now on disk.
  Manifest now;
  now.tool = tool_identity();
  now.model = std::move(model_inputs);
  for (size_t i = 0; i < outcomes.size(); ++i) {
    StageOutcome& o = outcomes[i];
    StageRecord rec;
    rec.name = o.renderer->name;
    rec.inputs = o.kept ? o.previous->inputs : std::move(o.inputs);
    for (const auto& [path, src] : final_files) {
      if (src.stage != i) continue;
      OutputRecord r;
      r.digest = src.digest;
      if (stat_file(out / path, &r.size, &r.mtime_ns)) rec.outputs[path] = r;
    }
    now.renderers.push_back(std::move(rec));
  }
  sum.total_ms = ms_since(start);
  now.times = sum.stages;
  std::string err;
  if (!write_text_atomically(manifest_path(out_dir), manifest_text(now), &err)) {
    // A stale manifest would still be safe (kept files are checked by size
    // and modification time) but useless: remove it.
    stdfs::remove(manifest_path(out_dir), ec);
    sum.notes.push_back("warning: " + err + ": the next build will be a full one");
  }
  return result;
}

}  // namespace bilan
