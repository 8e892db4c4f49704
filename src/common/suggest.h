// "Did you mean": the candidates closest to a misspelled name, by code-point edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace policykg {

// Levenshtein distance between two UTF-8 strings, counted in code points.
size_t EditDistance(std::string_view a, std::string_view b);

// Up to `limit` candidates nearest to `name` (ties by name), skipping ones farther than half
// the name's length plus one; candidates containing `name` (or contained in it) come first.
std::vector<std::string> ClosestNames(std::string_view name, const std::vector<std::string>& candidates,
                                      size_t limit = 3);

}  // namespace policykg
