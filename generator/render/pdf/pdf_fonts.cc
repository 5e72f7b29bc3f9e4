#include "render/pdf/pdf_fonts.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <system_error>

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

// A system font (an absolute path) is read through a DiskFileSystem rooted
// at "/": the same checks and messages as a project file's.
bool read_system_file(const std::string& path, std::string* bytes, std::string* err) {
  return DiskFileSystem("/").read(path.substr(1), bytes, err);
}

// The size of a system font, checked before any document so that a missing
// one is reported at once; it is read when a glyph needs it.
bool system_file_size(const std::string& path, std::uintmax_t* size, std::string* err) {
  std::error_code ec;
  *size = std::filesystem::file_size(path, ec);
  if (!ec) return true;
  *err = ec == std::errc::no_such_file_or_directory ? "no such file" : ec.message();
  return false;
}

void read_face(const Style& style, const FileSystem& files, const std::string& group, int face,
               const std::string& path, FontFile* out, Diagnostics* diags) {
  out->key = group + "." + kFaceKeys[face];
  out->path = path;
  std::string err;
  std::uintmax_t size = 0;
  const bool system = !path.empty() && path[0] == '/';
  bool ok = system ? system_file_size(path, &size, &err) : files.read(path, &out->raw, &err);
  if (!system) size = out->raw.size();
  if (ok && size == 0) {
    ok = false;
    err = "the file is empty";
  }
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
    if (bytes.empty() && !read_system_file(path, &bytes, &err)) {  // a system font: read now
      ready_.error = "font file '" + path + "' (" + key + ") cannot be read: " + err;
      return;
    }
    std::string ignored;  // reported when a document loads the font
    ready_.prepared = PdfFontFile::prepare(path, bytes, &ignored);
    if (!ready_.prepared) ready_.bytes = std::move(bytes);
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
