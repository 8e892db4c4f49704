// develops.implicit_topic: a programme (a Plan or an Initiative) that opens a clause and is what
// the clause goes on to tell about (“增学位”工程增补…学位13.1万个, “一表同享”改革实现…全覆盖,
// 五是“百千万工程”实现三年初见成效) is the report's own: the report's region develops it,
// unwritten. Only where no rule drew a develops edge to it already; not when a list, a possessive
// or a copula follows the name (A、B…, A的…, A是…), which makes it no topic of its own; not for a
// document's title in 《》, a name that opens with another place than the report's, or a firm's
// programme: a name whose words before its quoted label end in a words.json firm_name_endings word
// (千里科技“AI+车”战略).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

// The position after an ordinal opening a clause (一是, 五是, 第三), or `clause` when none.
uint32_t AfterOrdinal(const std::u32string& t, uint32_t clause, uint32_t end) {
  uint32_t q = clause;
  if (q + 1 < end && t[q] == U'第' && IsChineseNumeral(t[q + 1])) return q + 2;
  while (q < end && q - clause < 2 && IsChineseNumeral(t[q])) ++q;
  if (q > clause && q < end && t[q] == U'是') return q + 1;
  return clause;
}

// True when the letter after a programme's name says it is no topic: a list continues (、 和 与 及
// 等), a possessive or copula follows (的 是 为), or nothing a predicate could open does.
bool NoPredicateAt(char32_t c) {
  return !IsCjk(c) || U"、和与及等的是为之以在中"sv.find(c) != std::u32string_view::npos;
}

}  // namespace

void DevelopsImplicitTopic(SentenceContext& ctx) {
  const int32_t own = ctx.out.document_region;
  if (own < 0) return;
  const auto& t = ctx.t;
  const auto& schema = ctx.lex.schema();
  const size_t first = ctx.first_entity, n = ctx.out.entities.size();
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if ((ent.type != "Plan"sv && ent.type != "Initiative"sv) || ent.generic) continue;
    // A document's title (《…方案》明确) says what a document holds, not who runs it; a name
    // opening with another place (陇南“百千万全”和美乡村工程 in Gansu's) is that place's.
    if (t[ent.start] == U'《') continue;
    if (const uint32_t quote = static_cast<uint32_t>(
            std::find_if(t.begin() + ent.start, t.begin() + ent.end, IsOpenQuote) - t.begin());
        quote > ent.start + 2 &&
        ctx.lex.firm_name_endings_reversed.LongestEndingAt(std::u32string_view(t.data(), quote), quote).length > 0)
      continue;
    if (std::any_of(ent.named_regions.begin(), ent.named_regions.end(),
                    [&](const EntityMention::NamedRegion& named) {
                      return named.start == ent.start && named.region != own;
                    }))
      continue;
    const uint32_t clause = ctx.ClauseStart(ent.start);
    uint32_t opens = AfterOrdinal(t, clause, ent.start);
    if (opens < ent.start && IsOpenQuote(t[opens])) ++opens;
    if (opens != ent.start) continue;
    const uint32_t end = std::max(ent.end, ent.phrase_end);
    uint32_t after = end;
    while (after < ctx.e && IsCloseQuote(t[after])) ++after;
    if (after >= ctx.e || NoPredicateAt(t[after]) || ctx.hit_at[after - ctx.s] >= 0) continue;
    // (not a name inside a longer one that opens the clause too)
    if (std::any_of(ctx.out.entities.begin() + first, ctx.out.entities.begin() + n,
                    [&](const EntityMention& other) {
                      return &other != &ent && other.start <= ent.start && other.end >= ent.end &&
                             other.end - other.start > ent.end - ent.start;
                    }))
      continue;
    // Explicit or implicit subjects drawn by earlier rules win.
    const Ref target = SentenceContext::EntityRef(k);
    if (ctx.DevelopedInSentence(target) || !schema.Allows("develops", "Region", ent.type)) continue;
    ctx.AddRelation(SentenceContext::RegionRef(own), target, "develops", "develops.implicit_topic");
  }
}

}  // namespace policykg::extract::rules
