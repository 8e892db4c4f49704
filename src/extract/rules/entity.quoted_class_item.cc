// entity.quoted_class_item: quoted names listed (by 、 or side by side) before 等 and a class phrase that ends in a head are
// instances of that class, typed by its head: 深化“模速空间”、“模力社区”等创新生态示范区建设 →
// 模速空间, 模力社区 (Platform); “引客入川”、“蜀里安逸”等重点项目 → Projects. The class phrase is
// generic words and the head only (no name of its own); an item with a head of its own is entity.head's,
// and a counted item (“两重”, “三大战略”) is a slogan, not a name.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {
constexpr uint32_t kMinItem = 2, kMaxItem = 12;  // characters between the quote marks
constexpr uint32_t kMaxClass = 10;                // characters of the class phrase after 等
}  // namespace

void EntityQuotedClassItem(SentenceContext& ctx) {
  if (ctx.open_quotes.empty()) return;  // every item opens with “
  const auto& t = ctx.t;
  for (const uint32_t deng : ctx.enumeration_marks) {
    if (t[deng] != U'等' || deng < ctx.s + kMinItem + 2 || t[deng - 1] != U'”') continue;
    // The class phrase: the longest head ending where the phrase can end, after generic words only.
    int32_t head = -1;
    for (uint32_t end = deng + 2; end <= ctx.e && end <= deng + 1 + kMaxClass; ++end) {
      if (IsNameBreak(t[end - 1]) || IsOpenQuote(t[end - 1])) break;
      const auto m = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), end), end);
      if (m.length == 0 || end - m.length <= deng || !ctx.CanEndName(end, ctx.e)) continue;
      if (end - m.length > deng + 1 && !ctx.IsGenericModifier(deng + 1, end - m.length)) continue;
      head = static_cast<int32_t>(m.value);
    }
    if (head < 0 || ctx.lex.lex().heads[head].needs_place) continue;
    const std::string& type_name = ctx.lex.lex().heads[head].type;
    if (type_name == "Region"sv) continue;
    const schema::EntityType* type = ctx.lex.schema().FindEntityType(type_name);
    if (type == nullptr) continue;
    // The quoted items, back from 等: “A”、“B”…
    std::vector<std::pair<uint32_t, uint32_t>> items;  // [open quote, close quote]
    uint32_t close = deng - 1;
    while (true) {
      uint32_t open = close;
      while (open > ctx.s && close - open <= kMaxItem + 1 && t[open - 1] != U'“' && !IsNameBreak(t[open - 1])) --open;
      if (open <= ctx.s || t[open - 1] != U'“') break;
      --open;
      const uint32_t letters = close - open - 1;
      if (letters < kMinItem || letters > kMaxItem) break;
      items.emplace_back(open, close);
      // The item before: after 、 or right against this one (“郑和号”“昆明陆港号”等…班列).
      if (open >= ctx.s + 1 && t[open - 1] == U'”') {
        close = open - 1;
        continue;
      }
      if (open < ctx.s + 2 || t[open - 1] != U'、' || t[open - 2] != U'”') break;
      close = open - 2;
    }
    for (const auto& [open, item_close] : items) {
      bool counted = false;
      for (uint32_t q = open + 1; q < item_close && !counted; ++q)
        counted = IsDigit(t[q]) || (IsChineseNumeral(t[q]) && t[q] != U'一');
      if (counted) continue;
      if (ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), item_close), item_close).length > 0)
        continue;
      bool taken = false;
      for (const Candidate& c : ctx.candidates) taken = taken || (c.start <= open && c.end >= item_close + 1);
      if (!taken)
        ctx.candidates.push_back(Candidate{open, item_close + 1, item_close + 1, &type->name, "entity.quoted_class_item"});
    }
  }
}

}  // namespace policykg::extract::rules
