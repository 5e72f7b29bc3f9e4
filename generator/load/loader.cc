#include "load/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#include "load/markdown.h"
#include "load/yaml_check.h"
#include "support/utf8.h"

namespace bilan {

namespace {

class Loader {
 public:
  Loader(const FileSystem& files, Diagnostics* diags, SourceTexts* texts)
      : files_(files), diags_(diags), texts_(texts) {}

  void load(Project* p, Style* style);

 private:
  // Reads a file and checks size and encoding; false (with a diagnostic) on failure.
  bool read_text(const std::string& path, const SourcePos& from, std::string* text);
  // Reads a YAML file and checks its shape.
  bool read_yaml(const std::string& path, const Shape& shape, YamlDoc* doc);
  // Reads a Markdown file with front matter checked against `shape`.
  bool read_front_matter(const std::string& path, const Shape& shape, YamlDoc* doc, std::string* body,
                         SourcePos* body_pos);
  // Reads a Markdown file named in YAML (`ref` relative to the YAML's folder).
  RichText read_narrative(const YamlDoc& doc, const YamlNode& ref);

  Chart chart(const YamlDoc& doc, const YamlNode& n);
  std::vector<Chart> charts(const YamlDoc& doc, const YamlNode& n);
  Territory territory(const YamlDoc& doc);
  // The files of content/territories, in order, appended to *out.
  void other_territories(const std::vector<std::string>& paths, std::vector<Territory>* out);
  void examples(const std::string& dir, Territory* t);
  void site(Site* s);
  void measures(std::vector<Measure>* out);
  void themes(std::vector<Theme>* out);
  void notes(std::vector<Note>* out);
  void dossier(Dossier* d);
  void documents(std::vector<Document>* out);
  void style(Style* s);

  std::vector<std::string> list(const std::string& dir, const std::string& suffix) const;

  const FileSystem& files_;
  Diagnostics* diags_;
  SourceTexts* texts_;
  // Reused from file to file: their buffers keep their size.
  YamlDoc yaml_;
  std::string text_;
};

std::vector<std::string> strings(const YamlNode& n) {
  std::vector<std::string> out;
  out.reserve(n.size());
  if (n && n.IsSequence())
    for (const auto& x : n) out.push_back(as_text(x));
  return out;
}

// The offset of the first byte of `text` that is not valid UTF-8, or npos.
// ASCII is skipped eight bytes at a time; the rest is support's validator.
size_t invalid_utf8_at(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    // A run of non-ASCII bytes: whole sequences when the text is valid (no
    // sequence holds an ASCII byte), validated on their own.
    size_t end = i;
    while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
    size_t bad;
    if (!is_valid_utf8(text.substr(i, end - i), &bad)) return i + bad;
    i = end;
  }
  return std::string_view::npos;
}

// The offset of the first control character of valid UTF-8 `text` (tab and
// line ends aside), or npos; *cp is its code point. The C1 controls
// (U+0080-U+009F) are the only ones outside ASCII, written 0xC2 0x80-0x9F.
size_t control_at(std::string_view text, char32_t* cp) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  for (size_t i = 0; i < text.size(); ++i) {
    // Eight printable ASCII bytes (0x20-0x7E) at a time: no byte with the
    // high bit, none below 0x20, none equal to 0x7F.
    while (i + 8 <= text.size()) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      std::uint64_t del = w ^ (0x7f * kOnes);
      if (((w & kHigh) | ((w - 0x20 * kOnes) & ~w & kHigh) | ((del - kOnes) & ~del & kHigh)) != 0) break;
      i += 8;
    }
    if (i >= text.size()) break;
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c < 0x80) {
      *cp = c;
      return i;
    }
    if (c == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) {
        *cp = next;
        return i;
      }
    }
  }
  return std::string_view::npos;
}

std::string text_of(const YamlNode& n, const char* key) {
  return std::string(n[key].Scalar());
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string file_stem(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  auto dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

std::vector<std::string> Loader::list(const std::string& dir, const std::string& suffix) const {
  std::vector<std::string> out;
  for (const auto& p : files_.list(dir))
    if (ends_with(p, suffix)) out.push_back(p);
  return out;
}

bool Loader::read_text(const std::string& path, const SourcePos& from, std::string* text) {
  std::string err;
  if (!files_.read(path, text, &err)) {
    SourcePos p = from.file.empty() ? SourcePos{path, 0, 0} : from;
    diags_->push_back({p, from.file.empty() ? "cannot read file: " + err : "cannot read '" + path + "': " + err});
    return false;
  }
  if (text->size() > kMaxFileBytes) {
    diags_->push_back({{path, 0, 0}, fmt::format("file is larger than the limit of {} MiB", kMaxFileBytes >> 20)});
    return false;
  }
  if (texts_) texts_->add(path, *text);
  if (size_t bad = invalid_utf8_at(*text); bad != std::string_view::npos) {
    int line, col;
    line_column(*text, bad, &line, &col);
    diags_->push_back({{path, line, col}, fmt::format("invalid UTF-8 byte 0x{:02x}", static_cast<unsigned char>((*text)[bad]))});
    return false;
  }
  // Control characters have no place in text (tab and line ends aside); C1
  // controls (U+0080-U+009F) mostly come from text converted from
  // Windows-1252. Refusing them also keeps terminal escapes out of messages.
  char32_t cp;
  if (size_t at = control_at(*text, &cp); at != std::string_view::npos) {
    int line, col;
    line_column(*text, at, &line, &col);
    diags_->push_back({{path, line, col}, fmt::format("control character U+{:04X}", static_cast<unsigned>(cp))});
    return false;
  }
  return true;
}

bool Loader::read_yaml(const std::string& path, const Shape& shape, YamlDoc* doc) {
  if (!read_text(path, {}, &text_)) return false;
  doc->path = path;
  doc->line_offset = 0;
  if (!parse_yaml(text_, doc, diags_)) return false;
  return check_document(*doc, shape, diags_);
}

bool Loader::read_front_matter(const std::string& path, const Shape& shape, YamlDoc* doc, std::string* body,
                               SourcePos* body_pos) {
  std::string text;
  if (!read_text(path, {}, &text)) return false;
  std::string err;
  FrontMatter fm = split_front_matter(text, &err);
  if (!err.empty()) {
    diags_->push_back({{path, 1, 1}, err});
    return false;
  }
  if (!fm.present) {
    diags_->push_back({{path, 1, 1}, "missing front matter (the file must start with a '---' line)"});
    return false;
  }
  doc->path = path;
  doc->line_offset = fm.yaml_line;
  if (!parse_yaml(fm.yaml, doc, diags_)) return false;
  *body = fm.body;
  *body_pos = {path, fm.body_line, 1};
  return check_document(*doc, shape, diags_);
}

RichText Loader::read_narrative(const YamlDoc& doc, const YamlNode& ref) {
  RichText rt;
  if (!ref) return rt;
  std::string name = as_text(ref);
  SourcePos at = doc.pos(ref);
  if (!is_safe_relative_path(name)) {
    diags_->push_back({at, "path '" + name + "' leaves the project folder"});
    return rt;
  }
  std::string path = join_path(dir_name(doc.path), name);
  if (!read_text(path, at, &text_)) return rt;
  return parse_markdown(text_, {path, 1, 1}, diags_);
}

Chart Loader::chart(const YamlDoc& doc, const YamlNode& n) {
  Chart c;
  c.pos = doc.pos(n);
  c.id = text_of(n, "id");
  std::string kind = text_of(n, "kind");
  c.kind = kind == "comparison" ? ChartKind::comparison
           : kind == "cumulative" ? ChartKind::cumulative
           : kind == "grouped"    ? ChartKind::grouped
                                  : ChartKind::bars;
  c.title = text_of(n, "title");
  c.caption = text_of(n, "caption");
  c.measure = text_of(n, "measure");
  c.unit = text_of(n, "unit");
  c.growth = text_of(n, "growth");
  c.note = text_of(n, "note");
  c.source = text_of(n, "source");
  auto points = [&](const YamlNode& list) {
    std::vector<Point> out;
    if (!list) return out;
    out.reserve(list.size());
    for (const auto& pn : list) {
      Point p;
      p.pos = doc.pos(pn);
      p.label = text_of(pn, "label");
      p.value = as_number(pn["value"]);
      std::string k = text_of(pn, "kind");
      p.kind = k == "target" ? PointKind::target : k == "estimate" ? PointKind::estimate : PointKind::observed;
      p.note = text_of(pn, "note");
      out.push_back(std::move(p));
    }
    return out;
  };
  if (const YamlNode series = n["series"]) {
    c.series.reserve(series.size() + (n["points"] ? 1 : 0));
    for (const auto& sn : series) c.series.push_back({text_of(sn, "name"), points(sn["points"])});
  }
  if (n["points"]) c.series.push_back({"", points(n["points"])});
  return c;
}

std::vector<Chart> Loader::charts(const YamlDoc& doc, const YamlNode& n) {
  std::vector<Chart> out;
  out.reserve(n.size());
  if (n && n.IsSequence())
    for (const auto& c : n) out.push_back(chart(doc, c));
  return out;
}

Level level_of(const std::string& s) {
  if (s == "nation") return Level::nation;
  if (s == "departement") return Level::departement;
  if (s == "local") return Level::local;
  if (s == "former_region") return Level::former_region;
  return Level::region;
}

Territory Loader::territory(const YamlDoc& doc) {
  const YamlNode n = doc.root();
  Territory t;
  t.pos = doc.pos(n["id"]);
  t.id = text_of(n, "id");
  t.level = level_of(text_of(n, "level"));
  t.name = text_of(n, "name");
  t.name_in = text_of(n, "name_in");
  t.parent = text_of(n, "parent");
  if (n["order"]) t.order = static_cast<int>(as_number(n["order"]));
  if (n["overseas"]) t.overseas = as_bool(n["overseas"]);
  if (n["population"] && !n["population"].IsNull())
    t.population = static_cast<std::int64_t>(as_number(n["population"]));
  t.intro = read_narrative(doc, n["intro"]);
  t.figures_source = text_of(n, "figures_source");
  if (const YamlNode kf = n["key_figures"]) {
    size_t count = 0;
    for (auto m = kf.begin(); m != kf.end(); ++m) count += m->second.size();
    t.figures.reserve(count);
    for (auto m = kf.begin(); m != kf.end(); ++m) {
      for (auto f = m->second.begin(); f != m->second.end(); ++f) {
        KeyFigure k;
        k.measure = as_text(m->first);
        k.field = as_text(f->first);
        k.pos = doc.pos(f->first);
        k.measure_pos = doc.pos(m->first);
        if (f->second.IsMap()) {
          k.value = as_number(f->second["value"]);
          k.qualifier = text_of(f->second, "qualifier");
        } else {
          k.value = as_number(f->second);
        }
        t.figures.push_back(std::move(k));
      }
    }
  }
  t.charts = charts(doc, n["charts"]);
  if (const YamlNode ds = n["departements"]) {
    t.departements.reserve(ds.size());
    for (const auto& d : ds) t.departements.push_back({text_of(d, "code"), text_of(d, "name"), strings(d["towns"])});
  }
  return t;
}

void Loader::examples(const std::string& dir, Territory* t) {
  const Shape& shape = content_schema().example;
  for (const auto& path : list(dir, ".md")) {
    YamlDoc doc;
    std::string body;
    SourcePos body_pos;
    if (!read_front_matter(path, shape, &doc, &body, &body_pos)) continue;
    const YamlNode n = doc.root();
    Example e;
    e.id = file_stem(path);
    e.pos = doc.pos(n);
    e.name = text_of(n, "name");
    if (n["population"] && !n["population"].IsNull())
      e.population = static_cast<std::int64_t>(as_number(n["population"]));
    e.departement = text_of(n, "departement");
    e.measures = strings(n["measures"]);
    if (n["order"]) e.order = static_cast<int>(as_number(n["order"]));
    e.text = parse_markdown(body, body_pos, diags_);
    t->examples.push_back(std::move(e));
  }
  std::stable_sort(t->examples.begin(), t->examples.end(),
                   [](const Example& a, const Example& b) { return a.order < b.order; });
}

void Loader::site(Site* s) {
  YamlDoc doc;
  if (!read_yaml("content/site.yaml", content_schema().site, &doc)) return;
  const YamlNode n = doc.root();
  s->title = text_of(n, "title");
  s->tagline = text_of(n, "tagline");
  s->ministry = strings(n["ministry"]);
  s->base_url = text_of(n, "base_url");
  if (n["language"]) s->language = text_of(n, "language");
  s->about = read_narrative(doc, n["about"]);
  if (const YamlNode cs = n["contacts"])
    for (const auto& c : cs) s->contacts.push_back({text_of(c, "label"), strings(c["lines"])});
}

void Loader::measures(std::vector<Measure>* out) {
  YamlDoc doc;
  if (!read_yaml("content/measures.yaml", content_schema().measures, &doc)) return;
  for (const auto& n : doc.root()["measures"]) {
    Measure m;
    m.pos = doc.pos(n["id"]);
    m.id = text_of(n, "id");
    m.short_name = text_of(n, "short_name");
    m.long_name = text_of(n, "long_name");
    m.description = text_of(n, "description");
    m.color = text_of(n, "color");
    m.pictogram = text_of(n, "pictogram");
    if (n["key"]) m.key = as_bool(n["key"]);
    for (const auto& f : n["fields"])
      m.fields.push_back({text_of(f, "id"), text_of(f, "label"), text_of(f, "prefix"), text_of(f, "at_most")});
    out->push_back(std::move(m));
  }
}

void Loader::themes(std::vector<Theme>* out) {
  for (const auto& path : list("content/themes", ".md")) {
    YamlDoc doc;
    std::string body;
    SourcePos body_pos;
    if (!read_front_matter(path, content_schema().theme, &doc, &body, &body_pos)) continue;
    const YamlNode n = doc.root();
    Theme t;
    t.pos = doc.pos(n["id"]);
    t.id = text_of(n, "id");
    t.order = static_cast<int>(as_number(n["order"]));
    t.title = text_of(n, "title");
    t.measures = strings(n["measures"]);
    if (const YamlNode hs = n["highlights"]) {
      for (const auto& h : hs) {
        Highlight hl;
        hl.pos = doc.pos(h);
        if (h["value"]) hl.value = as_number(h["value"]);
        hl.qualifier = text_of(h, "qualifier");
        hl.text = text_of(h, "text");
        hl.measure = text_of(h, "measure");
        t.highlights.push_back(std::move(hl));
      }
    }
    t.charts = charts(doc, n["charts"]);
    t.text = parse_markdown(body, body_pos, diags_);
    out->push_back(std::move(t));
  }
  std::stable_sort(out->begin(), out->end(), [](const Theme& a, const Theme& b) { return a.order < b.order; });
}

void Loader::notes(std::vector<Note>* out) {
  for (const auto& path : list("content/notes", ".md")) {
    YamlDoc doc;
    std::string body;
    SourcePos body_pos;
    if (!read_front_matter(path, content_schema().note, &doc, &body, &body_pos)) continue;
    const YamlNode n = doc.root();
    Note note;
    note.pos = doc.pos(n["id"]);
    note.id = text_of(n, "id");
    note.title = text_of(n, "title");
    note.kind = text_of(n, "kind");
    note.date = text_of(n, "date");
    note.territory = text_of(n, "territory");
    note.charts = charts(doc, n["charts"]);
    note.sections = parse_sections(body, body_pos, diags_);
    out->push_back(std::move(note));
  }
}

void Loader::dossier(Dossier* d) {
  YamlDoc doc;
  if (!files_.exists("content/pacte2/dossier.yaml")) return;
  if (!read_yaml("content/pacte2/dossier.yaml", content_schema().dossier, &doc)) return;
  const YamlNode n = doc.root();
  d->title = text_of(n, "title");
  d->subtitle = text_of(n, "subtitle");
  d->intro = read_narrative(doc, n["foreword"]);
  d->signature = text_of(n, "signature");
  for (const auto& a : n["axes"]) d->axes.push_back({text_of(a, "id"), text_of(a, "title"), strings(a["groups"])});
  for (const auto& path : list("content/pacte2/engagements", ".md")) {
    YamlDoc edoc;
    std::string body;
    SourcePos body_pos;
    if (!read_front_matter(path, content_schema().engagement, &edoc, &body, &body_pos)) continue;
    const YamlNode e = edoc.root();
    Engagement en;
    en.pos = edoc.pos(e["number"]);
    en.number = static_cast<int>(as_number(e["number"]));
    en.axis = text_of(e, "axis");
    en.group = text_of(e, "group");
    en.title = text_of(e, "title");
    en.charts = charts(edoc, e["charts"]);
    en.sections = parse_sections(body, body_pos, diags_);
    d->engagements.push_back(std::move(en));
  }
  std::stable_sort(d->engagements.begin(), d->engagements.end(),
                   [](const Engagement& a, const Engagement& b) { return a.number < b.number; });
}

SectionKind section_kind(const std::string& s) {
  if (s == "contents") return SectionKind::contents;
  if (s == "themes") return SectionKind::themes;
  if (s == "regions") return SectionKind::regions;
  if (s == "territory") return SectionKind::territory;
  if (s == "dossier") return SectionKind::dossier;
  if (s == "note") return SectionKind::note;
  if (s == "back_cover") return SectionKind::back_cover;
  return SectionKind::cover;
}

void Loader::documents(std::vector<Document>* out) {
  for (const auto& path : list("content/documents", ".yaml")) {
    YamlDoc doc;
    if (!read_yaml(path, content_schema().document, &doc)) continue;
    const YamlNode n = doc.root();
    Document d;
    d.pos = doc.pos(n["id"]);
    d.id = text_of(n, "id");
    d.title = text_of(n, "title");
    d.subtitle = text_of(n, "subtitle");
    d.date = text_of(n, "date");
    d.each = text_of(n, "each");
    for (const auto& s : n["sections"])
      d.sections.push_back({section_kind(text_of(s, "kind")), text_of(s, "title"), strings(s["refs"])});
    out->push_back(std::move(d));
  }
}

void Loader::style(Style* s) {
  YamlDoc doc;
  if (!read_yaml("assets/style.yaml", content_schema().style, &doc)) return;
  const YamlNode n = doc.root();
  auto fonts = [](const YamlNode& f) {
    return FontFiles{text_of(f, "regular"), text_of(f, "bold"), text_of(f, "italic"), text_of(f, "bold_italic")};
  };
  s->pos = {doc.path, 0, 0};
  s->text_font = fonts(n["text_font"]);
  s->fallback_font = fonts(n["fallback_font"]);
  if (const YamlNode c = n["colors"])
    for (auto it = c.begin(); it != c.end(); ++it) s->colors[as_text(it->first)] = as_text(it->second);
  if (const YamlNode z = n["sizes"])
    for (auto it = z.begin(); it != z.end(); ++it) s->sizes[as_text(it->first)] = as_number(it->second);
}

// How many threads read content/territories: one per core, none for a few
// files.
size_t reading_threads(size_t files) {
  if (files < 256) return 1;
  size_t cores = std::thread::hardware_concurrency();
  return std::max<size_t>(1, std::min<size_t>(cores, 8));
}

// content/territories holds a file per département and commune: tens of
// thousands for a whole country. They are read on several threads, in
// chunks of consecutive files, each with a Loader of its own; the chunks are
// taken back in file order (by this thread, which reads chunks too), so the
// territories, the diagnostics and the texts come out as on one thread.
// Not run_parallel (support/parallel.h): a chunk is taken back and dropped
// as soon as it and those before it are read, while the others are still
// being read, so that the texts of 35,000 files are not held twice; and a
// chunk that throws still gives what was read before it.
void Loader::other_territories(const std::vector<std::string>& paths, std::vector<Territory>* out) {
  const Shape& shape = content_schema().territory;
  size_t threads = reading_threads(paths.size());
  if (threads == 1) {
    for (const auto& path : paths)
      if (read_yaml(path, shape, &yaml_)) out->push_back(territory(yaml_));
    return;
  }
  constexpr size_t kChunk = 32;
  struct Chunk {
    std::vector<Territory> territories;
    Diagnostics diags;
    SourceTexts texts;
    std::exception_ptr error;
    bool done = false;
  };
  std::vector<Chunk> chunks((paths.size() + kChunk - 1) / kChunk);
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::condition_variable ready;
  // Reads the next chunk nobody has taken; false when none is left.
  auto read_chunk = [&]() {
    size_t k = next.fetch_add(1);
    if (k >= chunks.size()) return false;
    Chunk c;
    try {
      Loader loader(files_, &c.diags, texts_ ? &c.texts : nullptr);
      for (size_t i = k * kChunk; i < std::min(paths.size(), (k + 1) * kChunk); ++i)
        if (loader.read_yaml(paths[i], shape, &loader.yaml_)) c.territories.push_back(loader.territory(loader.yaml_));
    } catch (...) {
      c.error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mu);
    chunks[k] = std::move(c);
    chunks[k].done = true;
    ready.notify_all();
    return true;
  };
  std::vector<std::thread> helpers;
  // Whatever happens here, the helpers stop taking chunks and are joined.
  struct Join {
    std::vector<std::thread>& threads;
    std::atomic<size_t>& next;
    size_t end;
    ~Join() {
      next.store(end);
      for (auto& t : threads)
        if (t.joinable()) t.join();
    }
  } join{helpers, next, chunks.size()};
  try {
    for (size_t i = 1; i < threads; ++i)
      helpers.emplace_back([&] {
        while (read_chunk()) {
        }
      });
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started, and this one, do the rest.
  }
  size_t taken = 0;  // chunks already taken back
  while (taken < chunks.size()) {
    Chunk c;
    {
      std::unique_lock<std::mutex> lock(mu);
      if (!chunks[taken].done) {
        lock.unlock();
        if (read_chunk()) continue;
        lock.lock();
        ready.wait(lock, [&] { return chunks[taken].done; });
      }
      c = std::move(chunks[taken]);
      chunks[taken] = Chunk();
    }
    ++taken;
    for (auto& t : c.territories) out->push_back(std::move(t));
    diags_->insert(diags_->end(), std::make_move_iterator(c.diags.begin()), std::make_move_iterator(c.diags.end()));
    if (texts_) texts_->add_all(c.texts);
    // As on one thread: what was read before the exception, then the exception.
    if (c.error) std::rethrow_exception(c.error);
  }
}

void Loader::load(Project* p, Style* st) {
  if (!files_.is_dir("content")) {
    diags_->push_back({{"content", 0, 0}, "no content folder (is --source the project folder?)"});
    return;
  }
  site(&p->site);
  measures(&p->measures);

  // Territories: the nation, the brochure's regions, then other territories.
  std::vector<std::string> region_paths = list("content/regions", "/region.yaml");
  std::vector<std::string> other_paths = list("content/territories", ".yaml");
  p->territories.reserve(1 + region_paths.size() + other_paths.size());
  if (read_yaml("content/national.yaml", content_schema().territory, &yaml_))
    p->territories.push_back(territory(yaml_));
  std::vector<Territory> regions;
  for (const auto& path : region_paths) {
    if (!read_yaml(path, content_schema().territory, &yaml_)) continue;
    Territory t = territory(yaml_);
    std::string folder = dir_name(path);
    std::string folder_name = folder.substr(folder.rfind('/') + 1);
    if (t.id != folder_name)
      diags_->push_back({t.pos, fmt::format("region id '{}' does not match its folder '{}'", t.id, folder_name)});
    examples(folder + "/examples", &t);
    regions.push_back(std::move(t));
  }
  std::stable_sort(regions.begin(), regions.end(),
                   [](const Territory& a, const Territory& b) { return a.order < b.order; });
  for (auto& t : regions) p->territories.push_back(std::move(t));
  other_territories(other_paths, &p->territories);

  themes(&p->themes);
  notes(&p->notes);
  dossier(&p->dossier);
  documents(&p->documents);
  style(st);
}

}  // namespace

bool load_project(const FileSystem& files, Project* project, Style* style, Diagnostics* diags, SourceTexts* texts) {
  size_t before = diags->size();
  Loader(files, diags, texts).load(project, style);
  return diags->size() == before;
}

}  // namespace bilan
