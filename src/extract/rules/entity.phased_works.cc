// entity.phased_works: a phase of works named without a head of its own (一期, 二期, 3期 after a works
// word of words.json works_words: 堤防, 引水, 灌区 …) is a Project when it stands as a list item or
// before a build word: 洞庭湖区重点垸堤防加固二期、…开工建设; 罗泾港区改造二期启动建设; a bare later
// phase after it is that works' phase too (水资源配置一期、二期 → …水资源配置二期). A phase
// after a head (长乐机场二期) is entity.head's; lists of phases closed by 等 are entity.elliptic_head's.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

constexpr uint32_t kMinPhasedName = 3;   // characters before the phase's numeral
constexpr uint32_t kMaxPhasedItem = 16;  // characters of the whole item

bool IsPhaseNumeral(char32_t c) { return IsDigit(c) || (IsChineseNumeral(c) && c != U'十' && c != U'百'); }

}  // namespace

void EntityPhasedWorks(SentenceContext& ctx) {
  if (ctx.phase_marks.empty()) return;  // (most sentences)
  const schema::EntityType* project = ctx.lex.types.project;
  if (project == nullptr) return;
  const auto& t = ctx.t;
  const uint32_t s = ctx.s, e = ctx.e;
  for (const uint32_t p : ctx.phase_marks) {
    if (p < s + kMinPhasedName + 1 || !IsPhaseNumeral(t[p - 1]) || t[p - 2] == U'第' || IsDigit(t[p - 2])) continue;
    const uint32_t end = p + 1;
    // Stands alone: a list mark, 等, the clause's end or a build word follows (not a head: 二期工程).
    const bool listed = end < e && (t[end] == U'、' || t[end] == U'和' || t[end] == U'等');
    if (!listed && !ctx.PhraseEndsAt(end, e) && ctx.BuildWordAt(end) == 0) continue;
    if (end < e && t[end] == U'等') continue;  // (entity.elliptic_head reads lists closed by 等)
    // The item runs back to a list mark or the clause's start, then past the last verb in it.
    const uint32_t clause = ctx.ClauseStart(p);
    uint32_t start = p - 1;
    while (start > clause && t[start - 1] != U'、' && t[start - 1] != U'和' && end - start <= kMaxPhasedItem) --start;
    if (end - start > kMaxPhasedItem) continue;
    uint32_t boundary = 0;
    for (uint32_t q = start + 1; q + 1 < p; ++q) {
      if (ctx.HitAround(q) >= 0) continue;  // (inside a place)
      if (ctx.BoundaryEndsAt(q, start, &boundary) && boundary >= 2) start = q;
    }
    const uint32_t numeral = p - 1;
    if (numeral - start < kMinPhasedName || ctx.ContainsHead(start, end) || !ctx.NamesWorks(start, numeral) ||
        ctx.IsGenericModifier(start, numeral) || ctx.ContainsWord(ctx.lex.evaluative_words, start, numeral))
      continue;
    ctx.candidates.push_back(Candidate{start, end, end, &project->name, "entity.phased_works"});
    // 环北部湾广东水资源配置一期、二期: a bare later phase in the list is the same works' phase.
    for (uint32_t q = end; q + 2 < e && (t[q] == U'、' || t[q] == U'和') && IsPhaseNumeral(t[q + 1]) &&
                           t[q + 2] == U'期' && (q + 3 == e || !IsCjk(t[q + 3]) || ctx.BuildWordAt(q + 3) > 0 ||
                                                  t[q + 3] == U'、' || t[q + 3] == U'和' || t[q + 3] == U'等');
         q += 3) {
      Candidate later{q + 1, q + 3, q + 3, &project->name, "entity.phased_works"};
      later.prefix_start = start, later.prefix_end = numeral;
      ctx.candidates.push_back(later);
    }
  }
}

}  // namespace policykg::extract::rules
