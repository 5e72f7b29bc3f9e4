// French hyphenation over libhyphen (the LibreOffice/Hunspell hyphenator) and
// the TeX-derived patterns of Debian's hyphen-fr. The typesetter asks for the
// points where a word may take a hyphen; which of them is used is its choice.
//
// French rules applied on top of the patterns (the patterns alone would allow
// some of these breaks):
//   - at least 2 letters before and 3 letters after a break;
//   - words of fewer than 6 letters are never hyphenated;
//   - after an elision (l', d', qu', aujourd'...) only the part after the last
//     apostrophe (' or ’) is hyphenated, and never at the apostrophe itself:
//     "d’installation" -> "d’ins-tal-la-tion", "aujourd’hui" -> none;
//   - acronyms and all-capital words (CESP, l’ARS, MÉDICAUX), numbers, words
//     holding a digit (3ème), URLs and e-mail addresses are never hyphenated;
//   - compounds are hyphenated part by part ("territoire-santé" ->
//     "ter-ri-toire-santé"); the break after the hyphen already written is the
//     typesetter's business (no hyphen is added there).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

/// Debian's French dictionary (package hyphen-fr), UTF-8.
inline constexpr const char* kFrenchHyphenDictionary = "/usr/share/hyphen/hyph_fr.dic";

class Hyphenator {
 public:
  /// Loads a libhyphen dictionary in UTF-8. On failure returns nullptr and sets
  /// *error, e.g. "cannot load hyphenation dictionary '/x/hyph_fr.dic': no such
  /// file or directory" or "hyphenation dictionary '/x/hyph.dic' is not in
  /// utf-8 (charset 'ISO8859-1')".
  static std::unique_ptr<Hyphenator> load(const std::string& path, std::string* error);

  /// load(), once per path in this process: later calls (the next build of
  /// `bilan serve`, the PDF stage after Renderer::warm) get the same
  /// dictionary, its cache of hyphenated words included. A failure is not
  /// kept: the next call tries again. Thread-safe.
  static std::shared_ptr<const Hyphenator> shared(const std::string& path, std::string* error);

  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  /// Where a hyphen may be inserted in `word`, a token without spaces as it
  /// stands in the text (surrounding punctuation, elisions, no-break spaces
  /// and hyphens allowed: "(l’installation),", "30 minutes"). Each value is a
  /// byte offset: the line may end with word[0, offset) + "-" and the next
  /// start with word[offset, end). Sorted, empty when the word must not be
  /// hyphenated. The reference stays valid as long as the Hyphenator.
  ///
  /// Results are cached per token. Thread-safe: one Hyphenator can serve
  /// several typesetting threads.
  const std::vector<uint16_t>& points(std::string_view word) const;

  /// `word` with `mark` at each hyphenation point: "ins-tal-la-tion".
  /// For tests and diagnostics.
  std::string hyphenated(std::string_view word, std::string_view mark = "-") const;

  /// The dictionary's path, as given to load().
  const std::string& path() const;

 private:
  struct Impl;
  explicit Hyphenator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Letter helpers shared by the typesetter (UTF-8 decoding is in
// support/utf8.h). They know the Latin letters French text uses (ASCII,
// Latin-1, Latin Extended-A: é, œ, ÿ...).

/// True for a Latin letter (A-Z, a-z, À-ÿ except × ÷, U+0100-U+024F).
bool is_letter(char32_t c);

/// Lower case of a Latin letter (À -> à, Œ -> œ, Ÿ -> ÿ); other code points
/// unchanged. Lower and upper case have the same UTF-8 length.
char32_t to_lower(char32_t c);

}  // namespace bilan
