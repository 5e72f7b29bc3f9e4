// French typography for text shown to readers: numbers and spaces.
// Both backends use these, so the site and the PDFs print figures alike.
#pragma once

#include <string>
#include <string_view>

namespace bilan {

/// U+202F NARROW NO-BREAK SPACE: thousands separator, and before ; ! ? and inside « ».
inline constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";
/// U+00A0 NO-BREAK SPACE: before ':' and between a number and its unit.
inline constexpr std::string_view kNbsp = "\xC2\xA0";

/// Formats a figure the French way: 1800 -> "1 800" (narrow no-break space),
/// 77.48 -> "77,48", 2500000 -> "2 500 000". At most `max_decimals` decimals,
/// trailing zeros dropped.
std::string format_number(double value, int max_decimals = 2);

/// Formats a large figure in words when it is a round number of millions:
/// 2500000 -> "2,5 millions", 1000000 -> "1 million"; other values as
/// format_number.
std::string format_count(double value);

/// Applies French spacing rules to running text: no-break spaces before
/// ; : ! ? and inside « », between a number and the word that follows when
/// that word is a unit (%, €, h, km, km², ...), narrow no-break spaces in
/// numbers typed with plain spaces ("1 200" -> "1 200"). Idempotent.
std::string french_spacing(std::string_view text);

}  // namespace bilan
