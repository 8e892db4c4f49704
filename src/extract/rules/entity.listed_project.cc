// entity.listed_project: the unnamed items of a list that a build word closes after 等 are projects
// when another item of the list is one by its head (…中船二期、…等建设, 加快珠肇高铁、深南高铁、广州东至
// 新塘五六线、狮子洋通道、佛肇云高速等建设): firms' and places' projects written without a head of their
// own; or when every item, however few, names works (words.json works_words: 加快长征渠引水等前期工作).
// An item is three to twelve letters, not generic words only, without a verb or a place alone, not a
// field and its verb (words.json plan_name_verbs, 更新: 乡村振兴, 城市更新).
#include <algorithm>
#include <vector>

#include "extract/rules/rules.h"
#include "text/normalize.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

constexpr uint32_t kMinListedItem = 3, kMaxListedItem = 12, kMinListedItems = 3;

}  // namespace

void EntityListedProject(SentenceContext& ctx) {
  const schema::EntityType* project = ctx.lex.types.project;
  if (project == nullptr) return;
  const auto& t = ctx.t;
  for (const uint32_t deng : ctx.enumeration_marks) {
    if (t[deng] != U'等' || ctx.BuildWordAt(deng + 1) == 0) continue;
    const uint32_t clause = ctx.ClauseStart(deng);
    // The items, right to left: set off by 、, the first after the clause's verb.
    std::vector<std::pair<uint32_t, uint32_t>> items;
    uint32_t end = deng;
    bool whole = true;
    while (end > clause) {
      uint32_t start = end;
      while (start > clause && t[start - 1] != U'、' && end - start <= kMaxListedItem + 8) --start;
      if (start == clause || t[start - 1] != U'、') start = ctx.SkipLeadingBoundaryWords(start, end);
      if (end - start > kMaxListedItem + 8 || start >= end) {
        whole = false;
        break;
      }
      items.emplace_back(start, end);
      if (start == clause || t[start - 1] != U'、') break;
      end = start - 1;
    }
    // (… or every item, however few, names works by a word of words.json works_words: 加快长征渠引水等
    // 前期工作.)
    const bool works_items = std::all_of(items.begin(), items.end(), [&](const auto& item) {
      return item.second - item.first >= kMinListedItem && ctx.NamesWorks(item.first, item.second);
    });
    if (!whole || (items.size() < kMinListedItems && !works_items)) continue;
    // One item at least is a project by its own head.
    const auto candidate_at = [&](uint32_t start, uint32_t end) -> const Candidate* {
      for (const Candidate& c : ctx.candidates) {
        if (c.start == start && c.end == end && !c.generic) return &c;
      }
      return nullptr;
    };
    const bool mates = std::any_of(items.begin(), items.end(), [&](const auto& item) {
      const Candidate* c = candidate_at(item.first, item.second);
      return c != nullptr && *c->type == "Project"sv;
    });
    if (!mates && !works_items) continue;
    for (const auto& item : items) {
      const uint32_t start = item.first, end = item.second;  // (not a structured binding: lambdas below use them)
      if (end - start < kMinListedItem || end - start > kMaxListedItem) continue;
      if (std::any_of(ctx.candidates.begin(), ctx.candidates.end(),
                      [&](const Candidate& c) { return c.start < end && start < c.end; }))
        continue;
      // (Not a programme written as a field and its verb: 城市更新, 乡村振兴.)
      if (ctx.IsGenericModifier(start, end) || ctx.IsWholeRegion(start, end) ||
          ctx.WordEndingAt(ctx.lex.plan_name_verbs_reversed, end, start) > 0 ||
          std::u32string_view(t.data() + start, end - start).ends_with(U"更新"sv) ||
          ctx.ContainsWord(ctx.lex.boundary_words, start, end) ||
          std::any_of(t.begin() + start, t.begin() + end,
                      [](char32_t ch) { return IsNameBreak(ch) || text::IsQuoteMark(ch); }))
        continue;
      ctx.candidates.push_back(Candidate{start, end, end, &project->name, "entity.listed_project"});
    }
  }
}

}  // namespace policykg::extract::rules
