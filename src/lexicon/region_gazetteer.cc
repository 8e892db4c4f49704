#include "lexicon/region_gazetteer.h"

#include <algorithm>
#include <unordered_map>
#include <string>

#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::lexicon {

namespace {

std::u32string Folded(const std::string& utf8) { return text::FoldText(DecodeUtf8Lenient(utf8)); }

RegionGazetteer::Tier TierOf(const schema::Region& r) {
  if (r.level == "province" || r.code.size() == 2) return RegionGazetteer::kProvince;
  if (r.code.size() == 4) return RegionGazetteer::kPrefecture;
  if (r.code.size() == 6) return RegionGazetteer::kCounty;
  return RegionGazetteer::kGroup;
}

}  // namespace

void RegionGazetteer::Build(const schema::Lexicons& lex, const std::vector<std::vector<int32_t>>& parents) {
  const size_t n = lex.regions.size();
  tiers_.resize(n);
  for (size_t i = 0; i < n; ++i) tiers_[i] = TierOf(lex.regions[i]);
  // Province: the province-level ancestor reached first, breadth first over the parents (a
  // prefecture's group parents lead to the same province).
  provinces_.assign(n, -1);
  std::vector<int32_t> frontier;
  for (size_t i = 0; i < n; ++i) {
    frontier.assign(1, static_cast<int32_t>(i));
    // Parent chains are short; the bound only guards against a cycle in hand-edited data.
    for (size_t k = 0; k < frontier.size() && k < 256 && provinces_[i] < 0; ++k) {
      const int32_t r = frontier[k];
      if (r < 0) continue;
      if (tiers_[r] == kProvince) provinces_[i] = r;
      for (int32_t p : parents[r]) frontier.push_back(p);
    }
  }
  // Forms numbered in the order they are first written (deterministic for a given schema); each
  // form's candidates in region order, a full reading before a short one of the same region.
  std::unordered_map<std::u32string, int32_t> form_of;
  form_of.reserve(n * 3);
  std::vector<std::vector<RegionCandidate>> lists;
  auto add = [&](const std::string& form, int32_t region, bool short_form) {
    if (form.empty()) return;
    auto [it, inserted] = form_of.try_emplace(Folded(form), static_cast<int32_t>(lists.size()));
    if (inserted) {
      lists.emplace_back();
      forms.Add(it->first, it->second);
    }
    auto& list = lists[it->second];
    for (auto& c : list) {
      if (c.region == region) {
        c.short_form = c.short_form && short_form;
        return;
      }
    }
    list.push_back({region, short_form});
  };
  for (size_t i = 0; i < n; ++i) {
    const auto& r = lex.regions[i];
    const int32_t idx = static_cast<int32_t>(i);
    auto is_short = [&](const std::string& s) {
      return std::find(r.short_forms.begin(), r.short_forms.end(), s) != r.short_forms.end();
    };
    add(r.name, idx, is_short(r.name));
    add(r.full_name, idx, is_short(r.full_name));
    for (const auto& a : r.aliases) add(a, idx, is_short(a));
    for (const auto& s : r.short_forms) add(s, idx, true);
  }
  for (auto& list : lists) {  // regions are added in index order: each list is sorted already
    candidates_.insert(candidates_.end(), list.begin(), list.end());
    form_begin_.push_back(static_cast<uint32_t>(candidates_.size()));
  }
  for (size_t i = 0; i < lex.region_collisions.size(); ++i) {
    std::u32string w = Folded(lex.region_collisions[i]);
    max_collision_length = std::max<uint32_t>(max_collision_length, static_cast<uint32_t>(w.size()));
    collisions.Add(w, static_cast<int32_t>(i));
  }
  for (size_t i = 0; i < lex.region_heads.size(); ++i) heads.Add(Folded(lex.region_heads[i]), static_cast<int32_t>(i));
  for (size_t i = 0; i < lex.issuer_cues.size(); ++i) issuer_cues.Add(Folded(lex.issuer_cues[i]), static_cast<int32_t>(i));
}

}  // namespace policykg::lexicon
