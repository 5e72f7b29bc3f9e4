// The ToUnicode CMap of a font, which lets readers (pdftotext, screen
// readers, copy and paste, search) turn the codes shown on a page back into
// text. PDF 32000-1:2008 §9.10.3.
//
// libharu 2.3.0, for a TrueType font used through its "UTF-8" encoder, shows
// text as two-byte codes equal to the UTF-16 code unit of each character
// (basic multilingual plane only) under /Encoding /Identity-H, and gives the
// font as /ToUnicode a copy of its *encoding* CMap: a "begincidrange" CMap
// mapping codes to CIDs. A ToUnicode CMap may only hold bfchar/bfrange
// operators, so poppler prints "Syntax Error: Invalid 'begincidrange'
// operator in ToUnicode CMap" for every such font. PdfDocument replaces that
// stream's content with the one built here.
#pragma once

#include <string>
#include <vector>

namespace bilan {

/// A ToUnicode CMap for two-byte codes that are the code points themselves
/// (code <00E9> is U+00E9), listing exactly `code_points`: consecutive code
/// points sharing their high byte become one bfrange line, others a bfchar
/// line, at most 100 lines per block as the CMap format requires.
/// `code_points` must be sorted, without duplicates, within U+0000..U+FFFF and
/// outside the surrogates U+D800..U+DFFF (the caller filters them).
std::string identity_to_unicode_cmap(const std::vector<char32_t>& code_points);

}  // namespace bilan
