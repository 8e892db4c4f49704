// entity.book_title: a title in 《》 that ends with the head of a plan or programme (《成渝地区双城经济圈建设
// 规划纲要》, 《四川省国民经济和社会发展第十五个五年规划纲要草案》) is that plan, named by the whole title
// (a draft's 草案 left out, kept in an alias): the words inside, 建设 included, are the title's, not a
// verb and its object; a province's outline written without its place is named with the province. Not a title of generic words only (《纲要草案》) or longer than kMaxTitle. A plan head
// inside a title that runs on past it names no plan (《…国民经济和社会发展规划的建议》).
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {
constexpr uint32_t kMaxTitle = 40;  // characters between 《 and 》
constexpr std::u32string_view kDraft = U"草案";
constexpr std::u32string_view kOutline = U"国民经济和社会发展";
}  // namespace

void EntityBookTitle(SentenceContext& ctx) {
  const auto& t = ctx.t;
  uint32_t done = ctx.s;  // titles end here at least (a 《 inside a title opens none)
  for (const uint32_t open : ctx.book_title_opens) {
    if (open < done) continue;
    uint32_t close = open + 1;
    while (close < ctx.e && close - open <= kMaxTitle && t[close] != U'》' && t[close] != U'《' && t[close] != U'\n')
      ++close;
    if (close >= ctx.e || t[close] != U'》') continue;
    // A plan head inside a title that runs on past it (《…关于制定“十五五”时期国民经济和社会发展规划的
    // 建议》) names no plan of its own: the title's words.
    std::erase_if(ctx.candidates, [&](const Candidate& c) {
      return c.start > open && c.end < close && *c.type == "Plan"sv && c.rule == std::string_view("entity.head");
    });
    // The title's end, a draft's 草案 (or (草案)) left out.
    uint32_t end = close;
    if (end >= open + 4 && t[end - 1] == U')' && t[end - 4] == U'(' &&
        std::u32string_view(t.data() + end - 3, 2) == kDraft) {
      end -= 4;
    } else if (end >= open + 3 && std::u32string_view(t.data() + end - 2, 2) == kDraft) {
      end -= 2;
    }
    const auto head = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), end), end);
    if (head.length == 0 || end - head.length < open + 3) continue;
    const std::string& type = ctx.lex.lex().heads[head.value].type;
    if (type != "Plan"sv && type != "Initiative"sv) continue;
    const uint32_t head_start = end - head.length;
    if (ctx.IsGenericModifier(open + 1, head_start)) continue;
    const schema::EntityType* entity_type = ctx.lex.schema().FindEntityType(type);
    if (entity_type == nullptr) continue;
    Candidate c{open, end, head_start, &entity_type->name, "entity.book_title"};
    // 《国民经济和社会发展第十五个五年规划纲要（草案）》 in a province's report, no place written: the
    // province's own outline, named with it (every province has one; the country's report keeps it bare).
    if (std::u32string_view(t.data() + open + 1, end - open - 1).starts_with(kOutline) && ctx.out.document_region >= 0 &&
        ctx.lex.region(ctx.out.document_region).level != "country"sv) {
      if (const int32_t province = ctx.lex.gazetteer.province(ctx.out.document_region); province >= 0)
        c.own_region = province;
    }
    ctx.candidates.push_back(c);
    done = close;
  }
}

}  // namespace policykg::extract::rules
