// The gazetteer's written forms compiled for matching: every form (name, full name, alias, short
// form) maps to the regions that write it, each marked full or short, so that a form several
// regions share (朝阳, 鼓楼区) keeps all its readings for the context to choose from
// (extract/region_context.h). Also the tier and province of every region, and the word lists the
// context rules use. Built once per run; read-only afterwards.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lexicon/trie.h"
#include "schema/lexicons.h"

namespace policykg::lexicon {

// A lexicon word as every lexicon trie stores it: UTF-8 decoded, then folded (FoldText).
std::u32string FoldedWord(const std::string& utf8);

struct RegionCandidate {
  int32_t region = -1;
  bool short_form = false;  // the form is one of the region's short_forms
  bool context_only = false;  // … one of its context_forms: read only with a county's context
};

class RegionGazetteer {
 public:
  // Province-level (code of 2 digits or level "province"), prefecture-level (4 digits), county-level
  // (6 digits); kGroup for everything else (groups, hand-kept regions without a code).
  enum Tier : uint8_t { kGroup, kProvince, kPrefecture, kCounty };

  // `regions` are the schema's regions; `parents[i]` the indices of region i's parents.
  void Build(const schema::Lexicons& lex, const std::vector<std::vector<int32_t>>& parents);

  Trie forms;  // folded written form → form index (for Candidates)
  std::span<const RegionCandidate> Candidates(int32_t form) const {
    return {candidates_.data() + form_begin_[form], candidates_.data() + form_begin_[form + 1]};
  }
  Tier tier(int32_t region) const { return tiers_[region]; }
  // The province-level region containing `region` (itself if it is one), or -1 (groups across
  // provinces, unknown).
  int32_t province(int32_t region) const { return region < 0 ? -1 : provinces_[region]; }

  Trie collisions;  // forward: words a region name overlaps by accident (schema words region_collisions)
  uint32_t max_collision_length = 0;
  Trie landform_suffixes;           // forward (schema words landform_suffixes)
  Trie landform_suffix_exceptions;  // forward
  Trie heads;       // forward: words after a county's short form that confirm it (region_heads)
  Trie national_issuer_cues;  // forward: 全国人民代表大会 in a report's first lines (the country issued it)
  Trie issuer_cues;  // forward: words after a region that say it issued the report (省长, 人民代表大会)

 private:
  friend struct CacheCodec;  // lexicon_cache.cc writes and reads every member
  std::vector<RegionCandidate> candidates_;
  std::vector<uint32_t> form_begin_{0};  // candidates of form f: [form_begin_[f], form_begin_[f+1])
  std::vector<Tier> tiers_;
  std::vector<int32_t> provinces_;
};

}  // namespace policykg::lexicon
