#include "common/suggest.h"

#include <algorithm>
#include <tuple>

#include "common/utf8.h"

namespace policykg {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::u32string x = DecodeUtf8Lenient(a), y = DecodeUtf8Lenient(b);
  std::vector<size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::vector<std::string> ClosestNames(std::string_view name, const std::vector<std::string>& candidates,
                                      size_t limit) {
  const size_t len = DecodeUtf8Lenient(name).size();
  std::vector<std::tuple<int, size_t, std::string>> scored;
  for (const auto& c : candidates) {
    bool contains = !name.empty() && (c.find(name) != std::string::npos || name.find(c) != std::string_view::npos);
    size_t d = EditDistance(name, c);
    if (!contains && d > len / 2 + 1) continue;
    scored.emplace_back(contains ? 0 : 1, d, c);
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end(),
                           [](const auto& p, const auto& q) { return std::get<2>(p) == std::get<2>(q); }),
               scored.end());
  std::vector<std::string> out;
  for (auto& s : scored) {
    if (out.size() >= limit) break;
    out.push_back(std::get<2>(s));
  }
  return out;
}

}  // namespace policykg
