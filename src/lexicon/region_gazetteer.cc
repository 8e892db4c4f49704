#include "lexicon/region_gazetteer.h"

#include <algorithm>
#include <string>

#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::lexicon {

std::u32string FoldedWord(const std::string& utf8) { return text::FoldText(DecodeUtf8Lenient(utf8)); }

namespace {

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
  // form's candidates in region order, a full reading before a short one of the same region. The
  // trie itself numbers the forms; the candidates are gathered as (form, region) entries and
  // grouped by form at the end (a stable sort keeps the region order).
  struct Entry {
    int32_t form;
    RegionCandidate candidate;
  };
  std::vector<Entry> entries;
  entries.reserve(n * 4);
  int32_t form_count = 0;
  std::u32string folded;
  auto add = [&](const std::string& form, int32_t region, bool short_form, bool context_only = false) {
    if (form.empty()) return;
    folded = DecodeUtf8Lenient(form);
    for (char32_t& c : folded) c = text::FoldCodePoint(c);  // FoldText, in place
    if (folded.empty()) return;
    const int32_t f = forms.Add(folded, form_count);
    if (f == form_count) ++form_count;
    // A region writes a form once: full when any of its readings of that form is full. Its
    // entries for the form are among the last few (regions are added in index order).
    for (size_t k = entries.size(); k-- > 0 && entries[k].candidate.region == region;) {
      if (entries[k].form == f) {
        entries[k].candidate.short_form = entries[k].candidate.short_form && short_form;
        entries[k].candidate.context_only = entries[k].candidate.context_only && context_only;
        return;
      }
    }
    entries.push_back({f, {region, short_form, context_only}});
  };
  size_t written_forms = 0;
  for (const auto& r : lex.regions) written_forms += 2 + r.aliases.size() + r.short_forms.size() + r.context_forms.size();
  forms.Reserve(written_forms);
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
    for (const auto& s : r.context_forms) add(s, idx, true, true);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.form < b.form; });
  candidates_.reserve(entries.size());
  form_begin_.reserve(static_cast<size_t>(form_count) + 1);
  for (size_t k = 0; k < entries.size(); ++k) {
    candidates_.push_back(entries[k].candidate);
    if (k + 1 == entries.size() || entries[k + 1].form != entries[k].form) {
      form_begin_.push_back(static_cast<uint32_t>(candidates_.size()));
    }
  }
  for (size_t i = 0; i < lex.region_collisions.size(); ++i) {
    std::u32string w = FoldedWord(lex.region_collisions[i]);
    max_collision_length = std::max<uint32_t>(max_collision_length, static_cast<uint32_t>(w.size()));
    collisions.Add(w, static_cast<int32_t>(i));
  }
  for (size_t i = 0; i < lex.region_heads.size(); ++i) heads.Add(FoldedWord(lex.region_heads[i]), static_cast<int32_t>(i));
  for (size_t i = 0; i < lex.landform_suffixes.size(); ++i)
    landform_suffixes.Add(FoldedWord(lex.landform_suffixes[i]), static_cast<int32_t>(i));
  for (size_t i = 0; i < lex.landform_suffix_exceptions.size(); ++i)
    landform_suffix_exceptions.Add(FoldedWord(lex.landform_suffix_exceptions[i]), static_cast<int32_t>(i));
  for (size_t i = 0; i < lex.issuer_cues.size(); ++i) issuer_cues.Add(FoldedWord(lex.issuer_cues[i]), static_cast<int32_t>(i));
  for (size_t i = 0; i < lex.national_issuer_cues.size(); ++i)
    national_issuer_cues.Add(FoldedWord(lex.national_issuer_cues[i]), static_cast<int32_t>(i));
}

}  // namespace policykg::lexicon
