#include "render/pdf/pdf_fonts.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/pdf/font_subset.h"
#include "support/utf8.h"

namespace bilan {

namespace {

constexpr const char* kFaceKeys[4] = {"regular", "bold", "italic", "bold_italic"};

// Where `path` is written in the style file, for a diagnostic with a caret;
// the whole file when it cannot be found.
SourcePos position_of(const Style& style, const FileSystem& files, const std::string& path) {
  SourcePos pos = style.pos;
  std::string text, err;
  if (pos.file.empty() || !files.read(pos.file, &text, &err)) return pos;
  int line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    size_t at = text.substr(start, end - start).find(path);
    if (at != std::string::npos) {
      pos.line = line;
      pos.column = static_cast<int>(at) + 1;
      return pos;
    }
    start = end + 1;
    ++line;
  }
  return pos;
}

// Reads a file outside the project (a system font). `size_only` checks
// that it is there and not empty without reading it.
bool read_disk_file(const std::string& path, std::string* bytes, std::string* err, bool size_only = false) {
  // O_NONBLOCK: a named pipe is refused below, never waited on.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    *err = errno == ENOENT ? "no such file" : std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    *err = "not a regular file";
    return false;
  }
  bytes->clear();
  if (size_only) {
    ::close(fd);
    if (st.st_size > 0) bytes->push_back('\0');  // not empty
    return true;
  }
  bytes->resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes->size()) {
    const ssize_t n = ::read(fd, bytes->data() + got, bytes->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  const int e = errno;
  ::close(fd);
  if (got != bytes->size()) {
    *err = got < bytes->size() && e ? std::strerror(e) : "the file changed while read";
    return false;
  }
  return true;
}

std::uint32_t be32(const std::string& b, size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(b[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) | std::uint32_t{static_cast<unsigned char>(b[at + 3])};
}

std::uint16_t be16(const std::string& b, size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]));
}

void put32(std::string* b, size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) (*b)[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
}

}  // namespace

std::string slim_for_embedding(const std::string& ttf) {
  // The offset table, then 16-byte table records: tag, checksum, offset, length.
  if (ttf.size() < 12) return ttf;
  const size_t count = be16(ttf, 4);
  if (ttf.size() < 12 + 16 * count) return ttf;
  struct Table {
    std::string tag;
    size_t offset, length;
  };
  std::vector<Table> tables;
  for (size_t i = 0; i < count; ++i) {
    size_t rec = 12 + 16 * i;
    Table t{ttf.substr(rec, 4), be32(ttf, rec + 8), be32(ttf, rec + 12)};
    if (t.offset + t.length > ttf.size()) return ttf;
    tables.push_back(t);
  }
  std::string out = ttf.substr(0, 12 + 16 * count);
  size_t head_at = std::string::npos;
  for (size_t i = 0; i < count; ++i) {
    const Table& t = tables[i];
    std::string data = ttf.substr(t.offset, t.length);
    if (t.tag == "post" && data.size() >= 32 && be32(data, 0) != 0x00030000) {
      data.resize(32);
      put32(&data, 0, 0x00030000);  // format 3: no glyph names
    }
    if (t.tag == "head" && data.size() >= 12) {
      put32(&data, 8, 0);  // checkSumAdjustment, computed below
      head_at = out.size();
    }
    const size_t rec = 12 + 16 * i;
    put32(&out, rec + 4, truetype_checksum(data));
    put32(&out, rec + 8, static_cast<std::uint32_t>(out.size()));
    put32(&out, rec + 12, static_cast<std::uint32_t>(data.size()));
    out += data;
    out.append((4 - data.size() % 4) % 4, '\0');
  }
  if (head_at != std::string::npos) put32(&out, head_at + 8, 0xB1B0AFBAu - truetype_checksum(out));
  return out;
}

namespace {

void read_face(const Style& style, const FileSystem& files, const std::string& group, int face,
               const std::string& path, FontFile* out, Diagnostics* diags) {
  out->key = group + "." + kFaceKeys[face];
  out->path = path;
  std::string err;
  bool ok = !path.empty() && path[0] == '/' ? read_disk_file(path, &out->raw, &err, true)
                                            : files.read(path, &out->raw, &err);
  if (ok && out->raw.empty()) {
    ok = false;
    err = "the file is empty";
  }
  if (path[0] == '/') out->raw.clear();  // read by ready()
  if (ok) return;
  std::string message = "font file '" + path + "' (" + out->key + ") cannot be read: " + err;
  if (path.rfind("assets/fonts/", 0) == 0) message += " (scripts/fonts.sh makes the Marianne files)";
  diags->push_back({position_of(style, files, path), message});
}

}  // namespace

bool read_font_files(const Style& style, const FileSystem& files, FontFileSet* out, Diagnostics* diags) {
  size_t before = diags->size();
  const std::string* text[4] = {&style.text_font.regular, &style.text_font.bold, &style.text_font.italic,
                                &style.text_font.bold_italic};
  const std::string* fallback[4] = {&style.fallback_font.regular, &style.fallback_font.bold,
                                    &style.fallback_font.italic, &style.fallback_font.bold_italic};
  for (int i = 0; i < 4; ++i) {
    read_face(style, files, "text_font", i, *text[i], &out->text[i], diags);
    read_face(style, files, "fallback_font", i, *fallback[i], &out->fallback[i], diags);
  }
  return diags->size() == before;
}

const FontFile::Ready& FontFile::ready() const {
  std::call_once(once_, [this] {
    std::string bytes = raw, err;
    if (bytes.empty() && !read_disk_file(path, &bytes, &err)) {
      ready_.error = "font file '" + path + "' (" + key + ") cannot be read: " + err;
      return;
    }
    ready_.bytes = slim_for_embedding(bytes);
    std::string ignored;  // reported when a document loads the font
    ready_.prepared = PdfFontFile::prepare(path, ready_.bytes, &ignored);
  });
  return ready_;
}

bool PdfFonts::load(PdfDocument* pdf, const FontFileSet* files, std::string* err) {
  pdf_ = pdf;
  files_ = files;
  return load_face(0, err);
}

bool PdfFonts::load_file(const FontFile& file, PdfFont* font, std::string* err) {
  const FontFile::Ready& ready = file.ready();
  if (!ready.error.empty()) {
    *err = ready.error;
    return false;
  }
  return ready.prepared ? pdf_->load_font_file(*ready.prepared, font, err)
                        : pdf_->load_font_data(file.path, ready.bytes, font, err);
}

bool PdfFonts::load_face(int font_index, std::string* err) {
  PdfFontChain& chain = chains_[font_index];
  if (!chain.empty()) return true;
  const FontFile& file = files_->text[font_index];
  PdfFont f;
  if (!load_file(file, &f, err)) return false;
  chain.push_back(f);
  return true;
}

bool PdfFonts::ensure_glyphs(int font_index, std::string_view utf8, std::string* err) {
  if (!load_face(font_index, err)) return false;
  PdfFontChain& chain = chains_[font_index];
  if (chain.size() > 1) return true;
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    if (pdf_->has_glyph(chain.front(), cp)) continue;
    const FontFile& file = files_->fallback[font_index];
    PdfFont f;
    if (!load_file(file, &f, err)) return false;
    chain.push_back(f);
    return true;
  }
  return true;
}

std::vector<char32_t> PdfFonts::missing(int font_index, std::string_view utf8) {
  return pdf_->missing_glyphs(chains_[font_index], utf8);
}

double PdfMeasurer::width(int font, std::string_view utf8, double size) const {
  const PdfFontChain& chain = fonts_.chain(font);
  if (chain.empty()) return 0;  // not loaded: ensure_glyphs failed and was reported
  if (chain.size() == 1) return pdf_.text_width(chain.front(), size, utf8);
  // Most text has every glyph in the text face: measure it in one go.
  for (size_t i = 0; i < utf8.size();) {
    if (!pdf_.has_glyph(chain.front(), next_code_point(utf8, &i))) return pdf_.text_width(chain, size, utf8);
  }
  return pdf_.text_width(chain.front(), size, utf8);
}

}  // namespace bilan
