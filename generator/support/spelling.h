#pragma once

#include <string>
#include <vector>

namespace bilan {

/// Edit distance between two byte strings (insertions, deletions,
/// substitutions and swaps of neighbours each cost 1).
size_t edit_distance(const std::string& a, const std::string& b);

/// The candidate closest to `word` when it is close enough to be a likely
/// typo (distance at most 1 for short words, 2 for longer ones), else "".
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for the closest candidate, or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace bilan
