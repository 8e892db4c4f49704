// entity.blend_label: a blend of places written right before a quoted label of their own
// (杭甬“双城记”, 中马“两国双园”, 闽粤港澳“跨境一锁”, 厦金“小三通”; or two places joined by a dash,
// 郑州—卢森堡“空中丝路”) names a joint thing: the blend
// and the label together are one name, which involves the blend's places (involves.name_blend). It
// is an Initiative, or a Platform when the label ends with a words.json blend_label_site_endings
// letter (园, 区: “两国双园”). Runs after the blends are read (gazetteer.city_letters); not a label
// with a head or a cue of its own (entity.head's: 渝黔桂“氢走廊”), a label holding a list or a
// place, a label naming a role the places play (blend_label_role_endings: 川渝“双核”), a blend
// already inside a name or a partner blend (携手港澳“并船出海”: the subject's slogan, with
// partners). Blends listed before it share the label (厦金、福马“同城生活圈”).
#include <algorithm>
#include <vector>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {
constexpr uint32_t kMinBlendLabel = 2, kMaxBlendLabel = 8;  // characters between the quote marks

// True when no kept candidate overlaps [start, end).
bool SpanIsFree(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  return std::none_of(ctx.kept_candidates.begin(), ctx.kept_candidates.end(),
                      [&](const Candidate& c) { return c.start < end && start < c.end; });
}

// Keeps `c` among the kept candidates, in order of start.
void KeepInOrder(SentenceContext& ctx, const Candidate& c) {
  const auto at = std::find_if(ctx.kept_candidates.begin(), ctx.kept_candidates.end(),
                               [&](const Candidate& kept) { return kept.start > c.start; });
  ctx.kept_candidates.insert(at, c);
}
}  // namespace

void EntityBlendLabel(SentenceContext& ctx) {
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  for (const uint32_t open : ctx.open_quotes) {
    if (open <= ctx.s) continue;  // (open_quotes holds “ only)
    const int32_t k = ctx.hit_at[open - 1 - ctx.s];
    if (k < 0) continue;
    const RegionHit& hit = ctx.hits[k];
    if (hit.end != open || hit.inside_name) continue;
    // Two places joined by a dash (郑州—卢森堡“空中丝路”) name a joint thing as a blend does.
    uint32_t pair_start = hit.start;
    if (hit.regions.size() == 1 && hit.start > ctx.s + 1 &&
        (t[hit.start - 1] == U'—' || t[hit.start - 1] == U'-')) {
      const int32_t first = ctx.hit_at[hit.start - 2 - ctx.s];
      if (first >= 0 && ctx.hits[first].end == hit.start - 1 &&
          ctx.hits[first].regions.size() == 1 && !ctx.hits[first].inside_name &&
          ctx.hits[first].regions != hit.regions)
        pair_start = ctx.hits[first].start;
    }
    if (hit.regions.size() < 2 && pair_start == hit.start) continue;
    if (ctx.AfterPartnerMark(pair_start)) continue;
    uint32_t close = open + 1;
    while (close < ctx.e && close - open <= kMaxBlendLabel + 1 && t[close] != U'”' &&
           !IsNameBreak(t[close]) && !IsOpenQuote(t[close]) && ctx.hit_at[close - ctx.s] < 0)
      ++close;
    if (close >= ctx.e || t[close] != U'”') continue;
    const uint32_t label = close - open - 1;
    if (label < kMinBlendLabel || label > kMaxBlendLabel) continue;
    // A head or a cue of its own types the label elsewhere; a role is no thing.
    if (ctx.lex.blend_label_role_endings_reversed.LongestEndingAt(view.substr(0, close), close)
            .length > 0)
      continue;
    if (ctx.QuotedLabelTypedElsewhere(close)) continue;
    const uint32_t start = pair_start, end = close + 1;
    if (!SpanIsFree(ctx, start, end)) continue;
    const bool site =
        ctx.lex.blend_label_site_endings_reversed.LongestEndingAt(view.substr(0, close), close)
            .length > 0;
    const schema::EntityType* type =
        ctx.lex.schema().FindEntityType(site ? "Platform" : "Initiative");
    if (type == nullptr) continue;
    KeepInOrder(ctx, Candidate{start, end, end, &type->name, "entity.blend_label"});
    // Blends listed before it with 、 share the label (厦金、福马“同城生活圈”: 厦金同城生活圈 too),
    // each a name of its own that borrows the label's words; the list opens its clause or follows a
    // verb.
    std::vector<Candidate> listed;
    uint32_t item_end = pair_start;
    while (item_end > ctx.s + 1 && t[item_end - 1] == U'、') {
      const int32_t before = ctx.hit_at[item_end - 2 - ctx.s];
      if (before < 0) break;
      const RegionHit& item = ctx.hits[before];
      if (item.end != item_end - 1 || item.regions.size() < 2 || item.inside_name ||
          ctx.AfterPartnerMark(item.start))
        break;
      Candidate shared{item.start, item.end, item.end, &type->name, "entity.blend_label"};
      shared.borrowed_head_start = open + 1, shared.borrowed_head_end = close;
      listed.push_back(shared);
      item_end = item.start;
    }
    uint32_t verb = 0;
    const uint32_t clause = ctx.ClauseStart(item_end);
    if (listed.empty() || !(item_end == clause || ctx.BoundaryEndsAt(item_end, clause, &verb)))
      continue;
    for (const Candidate& shared : listed) {
      if (SpanIsFree(ctx, shared.start, shared.end)) KeepInOrder(ctx, shared);
    }
  }
}

}  // namespace policykg::extract::rules
