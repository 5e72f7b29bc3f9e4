#include "layout/hyphenate.h"

#include <hyphen.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>

#include "support/utf8.h"

namespace bilan {

// ---------------------------------------------------------------------------
// Letters

bool is_letter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c >= 0xC0 && c <= 0xFF) return c != 0xD7 && c != 0xF7;
  return c >= 0x100 && c <= 0x24F;
}

char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;  // Ÿ
  // Latin Extended-A pairs: upper case on the even code point, except in
  // U+0139-U+0148 and U+0179-U+017E where it is on the odd one.
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
  return c;
}

namespace {

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

// Characters that join the parts of a token without being part of a word:
// written hyphens and no-break spaces. Each part is hyphenated on its own.
bool is_part_separator(char32_t c) {
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0xA0 || c == 0x202F || c == 0x2007 ||
         c == 0x2060;
}

// URLs, e-mail addresses and domain names ("sante.gouv.fr") are never cut.
bool looks_like_address(std::string_view w) {
  if (w.find('@') != std::string_view::npos || w.find('/') != std::string_view::npos) return true;
  if (w.size() >= 4 && (w.compare(0, 4, "www.") == 0 || w.compare(0, 4, "WWW.") == 0)) return true;
  // A dot between two letters.
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    if (w[i] != '.') continue;
    size_t k = i + 1;
    char32_t next = next_code_point(w, &k);
    // The letter before: walk back over UTF-8 continuation bytes.
    size_t b = i - 1;
    while (b > 0 && (static_cast<unsigned char>(w[b]) & 0xC0) == 0x80) --b;
    size_t bb = b;
    char32_t prev = next_code_point(w, &bb);
    if (is_letter(prev) && is_letter(next)) return true;
  }
  return false;
}

constexpr int kLettersBefore = 2;  // French custom: at least 2 letters before a break
constexpr int kLettersAfter = 3;   // and 3 after it
constexpr int kShortestWord = 6;   // words of fewer letters are not hyphenated
constexpr size_t kLongestToken = 1000;

}  // namespace

// ---------------------------------------------------------------------------
// Hyphenator

struct Hyphenator::Impl {
  std::string path;
  HyphenDict* dict = nullptr;

  // Cache: token -> points. Keys view strings owned by `keys` (a deque never
  // moves its elements), so lookups need no allocation. Entries are never
  // changed or erased once inserted, so references handed out stay valid.
  mutable std::mutex mutex;
  mutable std::deque<std::string> keys;
  mutable std::unordered_map<std::string_view, std::vector<uint16_t>> cache;

  ~Impl() {
    if (dict) hnj_hyphen_free(dict);
  }

  // Appends to *out the points of the part word[begin, end) (offsets into word).
  void part_points(std::string_view word, size_t begin, size_t end, std::vector<uint16_t>* out) const;
  std::vector<uint16_t> compute(std::string_view word) const;
};

std::unique_ptr<Hyphenator> Hyphenator::load(const std::string& path, std::string* error) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    std::string reason = std::strerror(errno);
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
    *error = "cannot load hyphenation dictionary '" + path + "': " + reason;
    return nullptr;
  }
  // The first line names the charset; we feed the dictionary UTF-8 words.
  char first[64] = {0};
  if (!std::fgets(first, sizeof first, f)) first[0] = '\0';
  std::string charset(first);
  while (!charset.empty() && (charset.back() == '\n' || charset.back() == '\r' || charset.back() == ' '))
    charset.pop_back();
  if (charset != "UTF-8") {
    std::fclose(f);
    *error = "hyphenation dictionary '" + path + "' is not in utf-8 (charset '" + charset + "')";
    return nullptr;
  }
  std::rewind(f);
  HyphenDict* dict = hnj_hyphen_load_file(f);
  std::fclose(f);
  if (!dict) {
    *error = "cannot load hyphenation dictionary '" + path + "': not a libhyphen dictionary";
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->dict = dict;
  return std::unique_ptr<Hyphenator>(new Hyphenator(std::move(impl)));
}

std::shared_ptr<const Hyphenator> Hyphenator::shared(const std::string& path, std::string* error) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const Hyphenator>> loaded;
  std::lock_guard<std::mutex> lock(mu);  // held while loading: a second caller waits for the first
  auto it = loaded.find(path);
  if (it != loaded.end()) return it->second;
  std::shared_ptr<const Hyphenator> h = load(path, error);
  if (h) loaded.emplace(path, h);
  return h;
}

Hyphenator::Hyphenator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Hyphenator::~Hyphenator() = default;

const std::string& Hyphenator::path() const { return impl_->path; }

const std::vector<uint16_t>& Hyphenator::points(std::string_view word) const {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->cache.find(word);
    if (it != impl_->cache.end()) return it->second;
  }
  // Computed outside the lock: libhyphen only reads the dictionary.
  std::vector<uint16_t> computed = impl_->compute(word);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto it = impl_->cache.find(word);
  if (it != impl_->cache.end()) return it->second;  // another thread was faster
  impl_->keys.emplace_back(word);
  return impl_->cache.emplace(std::string_view(impl_->keys.back()), std::move(computed)).first->second;
}

std::string Hyphenator::hyphenated(std::string_view word, std::string_view mark) const {
  const std::vector<uint16_t>& at = points(word);
  std::string out;
  size_t from = 0;
  for (uint16_t p : at) {
    out.append(word.substr(from, p - from));
    out.append(mark);
    from = p;
  }
  out.append(word.substr(from));
  return out;
}

std::vector<uint16_t> Hyphenator::Impl::compute(std::string_view word) const {
  std::vector<uint16_t> out;
  if (word.size() > kLongestToken || looks_like_address(word)) return out;
  size_t part_begin = 0;
  size_t i = 0;
  while (i < word.size()) {
    size_t at = i;
    char32_t c = next_code_point(word, &i);
    if (is_part_separator(c)) {
      part_points(word, part_begin, at, &out);
      part_begin = i;
    }
  }
  part_points(word, part_begin, word.size(), &out);
  return out;
}

void Hyphenator::Impl::part_points(std::string_view word, size_t begin, size_t end,
                                   std::vector<uint16_t>* out) const {
  // Trim what is not a letter at both ends: ( « " at the start, , . ; ) » … at the end.
  size_t core_begin = begin;
  while (core_begin < end) {
    size_t k = core_begin;
    if (is_letter(next_code_point(word, &k))) break;
    core_begin = k;
  }
  size_t core_end = core_begin;
  {
    size_t k = core_begin;
    while (k < end) {
      char32_t c = next_code_point(word, &k);
      if (is_letter(c)) core_end = k;
    }
  }
  if (core_begin >= core_end) return;

  // The core holds letters and apostrophes only; anything else (a digit, a dot,
  // an ampersand) means a number, a code or an abbreviation: leave it whole.
  // After an elision, only the part after the last apostrophe is a word.
  size_t word_begin = core_begin;
  for (size_t k = core_begin; k < core_end;) {
    char32_t c = next_code_point(word, &k);
    if (is_apostrophe(c))
      word_begin = k;
    else if (!is_letter(c))
      return;
  }
  if (word_begin >= core_end) return;

  // Lower case (same byte length), byte offset of each letter, capitals count.
  thread_local std::string lower;
  thread_local std::vector<uint16_t> letter_end;  // byte offset in `word` after each letter
  lower.clear();
  letter_end.clear();
  int capitals = 0;
  for (size_t k = word_begin; k < core_end;) {
    char32_t c = next_code_point(word, &k);
    char32_t l = to_lower(c);
    if (l != c) ++capitals;
    append_utf8(l, &lower);
    letter_end.push_back(static_cast<uint16_t>(k));
  }
  const int letters = static_cast<int>(letter_end.size());
  if (letters < kShortestWord) return;
  if (capitals == letters) return;  // an acronym or a word in capitals

  // hnj_hyphen_hyphenate2 wants a buffer of size + 5; with a UTF-8 dictionary
  // it indexes `hyphens` by letter (code point), not by byte: an odd digit at
  // index i allows a break after letter i.
  thread_local std::vector<char> hyphens;
  hyphens.assign(lower.size() + 5, '0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  int failed = hnj_hyphen_hyphenate2(dict, lower.data(), static_cast<int>(lower.size()), hyphens.data(),
                                     nullptr, &rep, &pos, &cut);
  if (!failed) {
    for (int k = kLettersBefore - 1; k < letters - kLettersAfter; ++k) {
      if ((hyphens[k] - '0') % 2 != 1) continue;
      // Non-standard breaks (a replacement such as German ck -> k-k) are not
      // supported; French patterns have none.
      if (rep && rep[k]) continue;
      out->push_back(letter_end[k]);
    }
  }
  if (rep) {
    for (size_t k = 0; k < lower.size(); ++k) std::free(rep[k]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
}

}  // namespace bilan
