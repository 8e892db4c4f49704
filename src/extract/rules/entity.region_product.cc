// entity.region_product: a place and one of its products (words.json brand_products) standing as
// one item (涪陵榨菜、奉节脐橙、巫山脆李等品牌; 武昌鱼; 宁夏枸杞) is a regional brand: a Brand,
// located in the place through its name. The item ends at a list mark, a break, 等 or 和, or before
// 品牌, 产业 or 全产业链 (吉林鲜食玉米全产业链产值); inside a list a two-letter modifier may stand
// between them (日照深海三文鱼、滨州盐田虾); a name that runs on (涪陵榨菜集团) is another rule's.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {
bool ItemEndsAt(const SentenceContext& ctx, uint32_t pos) {
  if (pos >= ctx.e) return true;
  const char32_t c = ctx.t[pos];
  if (IsNameBreak(c) || c == U'、' || c == U'等' || c == U'和' || IsCloseQuote(c)) return true;
  const std::u32string_view rest(ctx.t.data() + pos, ctx.e - pos);
  return rest.starts_with(U"品牌"sv) || rest.starts_with(U"产业"sv) ||
         rest.starts_with(U"全产业链"sv);
}
}  // namespace

void EntityRegionProduct(SentenceContext& ctx) {
  const schema::EntityType* brand = nullptr;
  const std::u32string_view view(ctx.t.data(), ctx.e);
  for (const RegionHit& h : ctx.hits) {
    if (h.blend || h.regions.size() != 1 || h.end >= ctx.e) continue;
    uint32_t product =
        ctx.lex.brand_products.LongestAt(view, h.end).length;  // (cheapest test first)
    uint32_t modifier = 0;
    // (… or over a two-letter modifier inside a list: 日照深海三文鱼、滨州盐田虾…)
    if (product == 0 && h.end + 3 < ctx.e && IsCjk(ctx.t[h.end]) && IsCjk(ctx.t[h.end + 1]) &&
        ctx.hit_at[h.end - ctx.s] < 0 && ctx.hit_at[h.end + 1 - ctx.s] < 0) {
      product = ctx.lex.brand_products.LongestAt(view, h.end + 2).length;
      const uint32_t end = h.end + 2 + product;
      uint32_t boundary = 0;
      if (product > 0 && end < ctx.e && (ctx.t[end] == U'、' || ctx.t[end] == U'等') &&
          !ctx.BoundaryEndsAt(h.end + 2, h.end, &boundary))
        modifier = 2;
      else
        product = 0;
    }
    if (product == 0 || !ItemEndsAt(ctx, h.end + modifier + product)) continue;
    const std::string& level = ctx.lex.region(h.regions[0]).level;
    if (level == "country"sv || level == "world_region"sv || ctx.lex.gazetteer.tier(h.regions[0]) ==
                                                            lexicon::RegionGazetteer::kGroup)
      continue;
    // The place opens the item: after a list mark, a break or a verb, not inside a longer word.
    if (h.start > ctx.s && !IsNameBreak(ctx.t[h.start - 1]) && !IsOpenQuote(ctx.t[h.start - 1]) &&
        U"、和及与"sv.find(ctx.t[h.start - 1]) == std::u32string_view::npos) {
      uint32_t boundary = 0;
      if (!ctx.BoundaryEndsAt(h.start, ctx.s, &boundary) &&
          ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, h.start, ctx.s) == 0)
        continue;
    }
    if (brand == nullptr) brand = ctx.lex.types.brand;
    if (brand == nullptr) return;
    ctx.candidates.push_back(Candidate{h.start, h.end + modifier + product, h.end + modifier,
                                       &brand->name, "entity.region_product"});
  }
}

}  // namespace policykg::extract::rules
