#include "build/build.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <unordered_set>

#include "validate/validate.h"

namespace bilan {

namespace stdfs = std::filesystem;

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

namespace {

// Makes the folder that will hold a file of the new output folder. Folders
// already made (`made`) cost nothing; a new one whose parent exists costs one
// mkdir (std::filesystem::create_directories stats every component first:
// a site of 35,000 pages has as many folders).
bool make_parent(const stdfs::path& path, std::unordered_set<std::string>* made, std::string* err) {
  const std::string& p = path.native();
  size_t slash = p.rfind('/');
  if (slash == std::string::npos || slash == 0) return true;
  std::string dir = p.substr(0, slash);
  if (made->count(dir)) return true;
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    if (ec) {
      *err = "cannot create folder '" + dir + "': " + ec.message();
      return false;
    }
  }
  made->insert(std::move(dir));
  return true;
}

bool write_file(const stdfs::path& path, const std::string& bytes, std::unordered_set<std::string>* made,
                std::string* err) {
  if (!make_parent(path, made, err)) return false;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = "cannot write '" + path.string() + "': " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = "cannot write '" + path.string() + "': " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    *err = "cannot write '" + path.string() + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

// Puts the old folder's file `from` at `to`: a hard link, so a kept file
// costs no copy; a copy when links are refused (EXDEV, EPERM, EMLINK).
bool keep_file(const stdfs::path& from, const stdfs::path& to, std::unordered_set<std::string>* made,
               std::string* err) {
  if (!make_parent(to, made, err)) return false;
  std::error_code ec;
  if (::link(from.c_str(), to.c_str()) == 0) return true;
  if (!stdfs::copy_file(from, to, stdfs::copy_options::overwrite_existing, ec)) {
    *err = "cannot keep '" + from.string() + "': " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

bool write_outputs_atomically(const OutputSet& outputs, const std::string& out_dir, std::string* err) {
  std::vector<PlannedFile> files;
  files.reserve(outputs.files().size());
  for (const auto& [rel, bytes] : outputs.files()) files.push_back({rel, &bytes});
  return write_folder_atomically(files, out_dir, err);
}

bool write_folder_atomically(const std::vector<PlannedFile>& files, const std::string& out_dir, std::string* err,
                             const std::function<void(size_t done, size_t total)>& progress) {
  std::error_code ec;
  stdfs::path out = stdfs::absolute(out_dir, ec);
  if (out.filename().empty()) out = out.parent_path();  // "site/" -> "site"
  stdfs::path parent = out.parent_path();
  stdfs::create_directories(parent, ec);
  if (ec) {
    *err = "cannot create folder '" + parent.string() + "': " + ec.message();
    return false;
  }
  if (stdfs::exists(out, ec) && !stdfs::is_directory(out, ec)) {
    *err = "output '" + out.string() + "' exists and is not a folder";
    return false;
  }
  // The temporary folder sits beside the output so the final rename stays on
  // one file system (and hard links from the old folder work).
  std::string tmpl = (parent / ("." + out.filename().string() + ".new-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) {
    *err = "cannot create a temporary folder beside '" + out.string() + "': " + std::strerror(errno);
    return false;
  }
  stdfs::path tmp(buf.data());
  ::chmod(tmp.c_str(), 0755);
  size_t done = 0;
  std::unordered_set<std::string> made;  // folders of tmp already made
  made.insert(tmp.native());
  for (const auto& f : files) {
    if (progress && done++ % 64 == 0) progress(done - 1, files.size());
    if (!is_safe_relative_path(f.path)) {
      *err = "refusing to write output path '" + f.path + "'";
      stdfs::remove_all(tmp, ec);
      return false;
    }
    bool ok = f.bytes ? write_file(tmp / f.path, *f.bytes, &made, err)
                      : keep_file(out / f.path, tmp / f.path, &made, err);
    if (!ok) {
      stdfs::remove_all(tmp, ec);
      return false;
    }
  }
  if (stdfs::exists(out, ec)) {
    // Swap old and new in one step; the old site ends up at `tmp`.
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0) {
      *err = "cannot replace '" + out.string() + "': " + std::strerror(errno);
      stdfs::remove_all(tmp, ec);
      return false;
    }
  } else if (::rename(tmp.c_str(), out.c_str()) != 0) {
    *err = "cannot create '" + out.string() + "': " + std::strerror(errno);
    stdfs::remove_all(tmp, ec);
    return false;
  }
  stdfs::remove_all(tmp, ec);  // the old site, if any
  return true;
}

}  // namespace bilan
