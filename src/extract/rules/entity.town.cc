// entity.town: a town, township or village written right after its county, district or city
// (永靖盐锅峡镇, 化隆县谢家滩乡, 银川市闽宁镇, 丹巴县基卡依村) is a place the division lists do
// not hold (they stop at counties): it becomes a Region of its own, named as written (盐锅峡镇), part of the place before it
// (part_of.town). The town's own name is two to four Han letters that no region writes, holding no
// word of words.json town_stop_words (城关, 重点, 特色 …: a class of towns, not one; 侨乡, 乡村 …:
// words, not townships) and no list or quote mark.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

constexpr uint32_t kMinTown = 2, kMaxTown = 4;

// The written suffix of a division's full name (县, 区, 市, 旗) after its short form, or 0.
uint32_t DivisionSuffixAt(const std::u32string& t, uint32_t pos, uint32_t end) {
  return pos < end && U"县区市旗"sv.find(t[pos]) != std::u32string_view::npos ? 1 : 0;
}

}  // namespace

void EntityTown(SentenceContext& ctx) {
  if (!ctx.lex.region_part_of_region) return;
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  const size_t hit_count = ctx.hits.size();  // (no hit is added here)
  for (size_t h = 0; h < hit_count; ++h) {
    const RegionHit& hit = ctx.hits[h];
    if (hit.blend || hit.regions.size() != 1) continue;
    const auto& region = ctx.lex.region(hit.regions[0]);
    if (region.level == "province"sv || region.level == "country"sv || region.level == "group"sv ||
        region.level == "world_region"sv)
      continue;
    const uint32_t from = hit.end + DivisionSuffixAt(t, hit.end, ctx.e);
    if (from >= ctx.e || !IsCjk(t[from])) continue;  // (a dash or mark: 滨海—中关村科技园)
    uint32_t town_end = 0;
    for (uint32_t len = kMinTown; len <= kMaxTown && from + len < ctx.e; ++len) {
      const char32_t last = t[from + len - 1];
      if (!IsCjk(last) || ctx.hit_at[from + len - 1 - ctx.s] >= 0) break;
      const char32_t mark = t[from + len];
      if (mark == U'镇' || mark == U'乡' || mark == U'村') {
        town_end = from + len + 1;
        break;
      }
    }
    if (town_end == 0) continue;
    // (A verb in the name is none: 发挥侨乡.)
    if (ctx.ContainsWord(ctx.lex.boundary_words, from, town_end - 1)) continue;
    // Stop words may end at the mark (侨乡, 城乡, 农村) or start there (乡村, 乡镇): words, not
    // townships. (A village's mark 村 is itself a stop word, for 镇村; it is not looked up alone.)
    const uint32_t stop_from_end = t[town_end - 1] == U'村' ? town_end - 1 : town_end;
    bool stop = false;
    for (uint32_t q = from; q < stop_from_end && !stop; ++q)
      stop = ctx.lex.town_stop_words.LongestAt(view, q).length > 0;
    if (stop || ctx.lex.gazetteer.forms.Find(std::u32string_view(t.data() + from, town_end - from)) >= 0 ||
        ctx.lex.gazetteer.forms.Find(std::u32string_view(t.data() + from, town_end - 1 - from)) >= 0)
      continue;
    // A village's name inside a longer name (三明中关村科技园) is that name's, not a village.
    if (t[town_end - 1] == U'村' &&
        std::any_of(ctx.out.entities.begin() + ctx.first_entity, ctx.out.entities.end(), [&](const EntityMention& ent) {
          return ent.start <= from && ent.end >= town_end && ent.end - ent.start > town_end - from;
        }))
      continue;
    EntityMention town;
    town.type = "Region";
    town.name = ctx.NameWithoutQuotes(from, town_end);
    town.start = from;
    town.end = town.phrase_end = town_end;
    town.rule = "entity.town";
    ctx.out.entities.push_back(std::move(town));
    ctx.AddRelation(SentenceContext::EntityRef(ctx.out.entities.size() - 1),
                    SentenceContext::RegionRef(hit.regions[0]), "part_of", "part_of.town");
  }
}

}  // namespace policykg::extract::rules
