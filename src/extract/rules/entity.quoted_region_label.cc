// entity.quoted_region_label: a quoted label that opens with the report's own region — its name
// (“河北净菜”, “龙江好物”, “重庆制造”) or its one-letter abbreviation (“蜀里安逸”, “川居好房”, “渝企出海”,
// “陕耀全球”) — and goes on with words of its own is a label the region runs: a Brand, or an
// Initiative when a words.json quoted_label_initiative_words word is in it (“渝企出海”, “川行天下”) or
// the letter closes it again (“川品出川”), a Platform when it ends like an online service
// (quoted_label_platform_endings: “渝快办”). Not a label with a head or a cue of its own (entity.head,
// entity.quoted_cue), another place in it (“渝进蓉出”, “澳门+横琴”), a quoted_label_stop_words word
// (“蜀道通”; 字号 unless the letter and 字号 are the whole label: “粤字号”) or a list inside the
// quotes. A letter read so is a mention of its province (gazetteer.label_letter), so the label is
// located in it. The region or its letter may close the label instead (“品味新疆”, “数智北京”: a
// Brand; “引客入川”, “校友回湘”, “数据援青”: an Initiative, the place after a words.json
// quoted_label_closing_verbs word such as 入, 回, 援).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {
constexpr uint32_t kMinLabel = 3, kMaxLabel = 12;  // characters between the quote marks
constexpr uint32_t kMaxRunOn = 16;                 // characters of a name running on after the quote

// The report's own region or one that contains it (四川 for a Chengdu report).
// Not a country (“中国速度”, “中国好人” name the nation's, not the report's).
bool CoversReport(const SentenceContext& ctx, int32_t region) {
  const int32_t doc = ctx.out.document_region;
  const std::string& level = ctx.lex.region(region).level;
  if (level == "country"sv || level == "world_region"sv) return false;
  return doc >= 0 && (region == doc || ctx.lex.IsWithin(doc, region));
}
}  // namespace

void EntityQuotedRegionLabel(SentenceContext& ctx) {
  const auto& t = ctx.t;
  if (ctx.out.document_region < 0) return;
  const std::u32string_view view(t.data(), ctx.e);
  bool added_hit = false;
  for (const uint32_t open : ctx.open_quotes) {
    if (open + kMinLabel + 1 >= ctx.e) break;
    uint32_t close = open + 1;
    while (close < ctx.e && close - open <= kMaxLabel + 1 && t[close] != U'”' && !IsNameBreak(t[close]) &&
           !IsOpenQuote(t[close]))
      ++close;
    if (close >= ctx.e || t[close] != U'”' || close - open - 1 < kMinLabel || close - open - 1 > kMaxLabel) continue;
    const uint32_t first = open + 1;
    // The opening place: a region name (or blend) covering the report, or the report's province letter.
    uint32_t rest = 0, rest_end = close;
    int32_t letter_region = -1;
    bool closing = false;  // the place closes the label (“引客入川”, “品味新疆”) instead of opening it
    const int32_t k = ctx.hit_at[first - ctx.s];
    if (k >= 0) {
      const RegionHit& h = ctx.hits[k];
      if (h.start != first || h.end >= close) continue;
      bool covers = false;
      for (int32_t r : h.regions) covers = covers || CoversReport(ctx, r);
      if (!covers) continue;
      rest = h.end;
    } else if (auto it = ctx.lex.province_label_letters.find(t[first]);
               it != ctx.lex.province_label_letters.end() && CoversReport(ctx, it->second)) {
      letter_region = it->second;
      rest = first + 1;
    } else if (const int32_t partner = ctx.lex.ProvinceLetter(t[first]);
               partner >= 0 && !CoversReport(ctx, partner) && close - first >= 4 &&
               ctx.lex.quoted_label_initiative_words_reversed
                       .LongestEndingAt(std::u32string_view(t.data(), close), close)
                       .length > 0) {
      // A partner's letter opening a campaign word (“港车北上”, “澳车北上” in Guangdong's report): a
      // campaign of the report's, not located in the partner (no mention is added for the letter).
      rest = first + 1;
    } else {
      // The report's region, or its letter, closing a label of two words or more of its own.
      const int32_t last = ctx.hit_at[close - 1 - ctx.s];
      if (last >= 0) {
        const RegionHit& h = ctx.hits[last];
        bool covers = false;
        for (int32_t r : h.regions) covers = covers || CoversReport(ctx, r);
        if (h.end != close || h.start < first + 2 || !covers) continue;
        rest_end = h.start;
      } else {
        auto letter = ctx.lex.province_label_letters.find(t[close - 1]);
        if (letter == ctx.lex.province_label_letters.end() || !CoversReport(ctx, letter->second)) continue;
        letter_region = letter->second;
        rest_end = close - 1;
      }
      rest = first;
      closing = true;
    }
    if (rest_end - rest < 2 || IsChineseNumeral(t[rest]) || IsDigit(t[rest])) continue;
    // Words of its own: no other place, list or stop word after the opening place.
    // (“粤字号”, “桂字号”: the letter and 字号 alone name the province's brand of products; with more
    // words, “川字号”优品, 字号 is a stop word.)
    // (Not opening a longer name: “川字号”优品100.)
    bool letter_mark = letter_region >= 0 && !closing && close - first == 3 && t[first + 1] == U'字' &&
                       t[first + 2] == U'号';
    for (uint32_t q = close + 1; letter_mark && q < ctx.e && q <= close + 4; ++q) {
      if (IsDigit(t[q])) letter_mark = false;
      else if (IsNameBreak(t[q])) break;
    }
    bool other = false;
    for (uint32_t q = first; q < close && !other && !letter_mark; ++q)
      other = ctx.lex.quoted_label_stop_words.LongestAt(view, q).length > 0;
    for (uint32_t q = rest; q < rest_end && !other; ++q) {
      other = ctx.hit_at[q - ctx.s] >= 0 || t[q] == U'+' || t[q] == U'、' || ctx.lex.city_nicknames.count(t[q]) > 0;
      auto letter = ctx.lex.province_label_letters.find(t[q]);
      if (letter != ctx.lex.province_label_letters.end() && !(q + 1 == close && letter->second == letter_region))
        other = true;
    }
    if (other) continue;
    // A head or a cue of its own types it elsewhere.
    if (ctx.QuotedLabelTypedElsewhere(close)) continue;  // (“渝快办”服务平台: entity.head's)
    bool taken = false;
    for (const Candidate& c : ctx.candidates) taken = taken || (c.start < close + 1 && open < c.end);
    if (taken) continue;
    bool initiative_word = letter_region >= 0 && t[close - 1] == t[first];
    for (uint32_t q = rest; q < close && !initiative_word; ++q)
      initiative_word = ctx.lex.quoted_label_initiative_words.LongestAt(view, q).length > 0;
    // A movement toward the place that closes the label (“引客入川”, “校友回湘”, “数据援青”) is a campaign.
    if (closing && ctx.lex.quoted_label_closing_verbs_reversed.LongestEndingAt(std::u32string_view(t.data(), rest_end), rest_end).length > 0)
      initiative_word = true;
    // An online service of the government (“渝快办”, “渝快政”: quoted_label_platform_endings) is a Platform.
    const bool service =
        ctx.lex.quoted_label_platform_endings_reversed.LongestEndingAt(std::u32string_view(t.data(), close), close).length > 0;
    std::string_view type_name = service ? "Platform" : initiative_word ? "Initiative" : "Brand";
    // A name running on after the quote to a programme's or event's head (“渝见好风尚”城市文明建设促进
    // 行动) gives the label that head's type.
    uint32_t run = close + 1;
    while (run < ctx.e && run - close <= kMaxRunOn && !IsNameBreak(t[run]) && !IsOpenQuote(t[run])) ++run;
    if (const auto head = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), run), run);
        run > close + 1 && head.length > 0) {
      const std::string& head_type = ctx.lex.lex().heads[head.value].type;
      if (head_type == "Initiative"sv || head_type == "Plan"sv || head_type == "Event"sv) type_name = head_type;
    }
    const schema::EntityType* type = ctx.lex.schema().FindEntityType(type_name);
    if (type == nullptr) continue;
    ctx.candidates.push_back(Candidate{open, close + 1, close + 1, &type->name, "entity.quoted_region_label"});
    if (letter_region >= 0) {
      const uint32_t at = closing ? close - 1 : first;
      ctx.hits.push_back(RegionHit{at, at + 1, {letter_region}, false, false, 0, false, "gazetteer.label_letter"});
      added_hit = true;
    }
  }
  if (added_hit) ctx.IndexAddedHits();
}

}  // namespace policykg::extract::rules
