#include "build/build.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "validate/validate.h"

namespace bilan {

namespace stdfs = std::filesystem;

LoadedProject load_and_validate(const FileSystem& files) {
  LoadedProject lp;
  // Exceptions from libraries are turned into diagnostics by the loader; this
  // is the last net, so that no exception ever reaches a user.
  try {
    if (load_project(files, &lp.project, &lp.style, &lp.diags, &lp.texts))
      validate_project(lp.project, files, &lp.diags);
  } catch (const std::exception& e) {
    lp.diags.push_back({{}, std::string("internal error while loading: ") + e.what()});
  }
  return lp;
}

void print_diagnostics(const Diagnostics& diags, const SourceTexts& texts, std::ostream& err) {
  for (const auto& d : diags) {
    auto it = texts.find(d.pos.file);
    err << format_diagnostic(d, it == texts.end() ? nullptr : &it->second);
  }
  if (diags.size() > 1) err << "bilan: " << diags.size() << " errors\n";
}

Diagnostics render_all(const LoadedProject& lp, const FileSystem& files, const std::vector<Renderer>& renderers,
                       OutputSet* out) {
  Diagnostics diags;
  for (const auto& r : renderers) {
    try {
      Diagnostics d = r(lp.project, lp.style, files, out);
      diags.insert(diags.end(), d.begin(), d.end());
    } catch (const std::exception& e) {
      diags.push_back({{}, std::string("internal error while rendering: ") + e.what()});
    }
  }
  return diags;
}

namespace {

bool write_file(const stdfs::path& path, const std::string& bytes, std::string* err) {
  std::error_code ec;
  stdfs::create_directories(path.parent_path(), ec);
  if (ec) {
    *err = "cannot create folder '" + path.parent_path().string() + "': " + ec.message();
    return false;
  }
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

}  // namespace

bool write_outputs_atomically(const OutputSet& outputs, const std::string& out_dir, std::string* err) {
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
  // one file system.
  std::string tmpl = (parent / ("." + out.filename().string() + ".new-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) {
    *err = "cannot create a temporary folder beside '" + out.string() + "': " + std::strerror(errno);
    return false;
  }
  stdfs::path tmp(buf.data());
  ::chmod(tmp.c_str(), 0755);
  for (const auto& [rel, bytes] : outputs.files()) {
    if (!is_safe_relative_path(rel)) {
      *err = "refusing to write output path '" + rel + "'";
      stdfs::remove_all(tmp, ec);
      return false;
    }
    if (!write_file(tmp / rel, bytes, err)) {
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
