#include <algorithm>

#include "extract/rules/name_regions.h"
#include "extract/rules/rules.h"
#include "text/normalize.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

using lexicon::Trie;

namespace {

// Letters of description that make an unmarked 平台 one platform (see EntityHead).
constexpr uint32_t kLongPlatformName = 8;

// True when [start, end) carries a mark of its own: a place, a code (digits, Latin letters) and, as
// asked, a quote mark or an opening bracket.
bool HasOwnMark(const SentenceContext& ctx, uint32_t start, uint32_t end, bool quotes, bool bracket) {
  // A named landform (words.json landform_marks after two letters or more: 塔克拉玛干沙漠, 科尔沁沙地)
  // marks the name as a place does.
  const std::u32string_view view(ctx.t.data(), end);
  for (uint32_t p = start + 2; p + 2 <= end; ++p) {  // (the first-letter filter rejects most letters)
    if (ctx.lex.landform_marks.LongestAt(view, p).length > 0) return true;
  }
  for (uint32_t p = start; p < end; ++p) {
    const char32_t ch = ctx.t[p];
    if (ctx.hit_at[p - ctx.s] >= 0 || IsDigit(ch) || (ch >= U'A' && ch <= U'Z') || (ch >= U'a' && ch <= U'z') ||
        (quotes && (IsOpenQuote(ch) || IsCloseQuote(ch))) ||
        (bracket && ch == U'(' && !(p + 1 < end && IsChineseNumeral(ctx.t[p + 1]))))  // not a grade: (一级)
      return true;
  }
  return false;
}

// True when every letter of [from, to) opens a prefecture-level city's name, is a city's nickname or
// a province's letter, and no region is written there.
bool PrefectureLetters(const SentenceContext& ctx, uint32_t from, uint32_t to) {
  for (uint32_t q = from; q < to; ++q) {
    if (ctx.hit_at[q - ctx.s] >= 0) return false;
    const char32_t c = ctx.t[q];
    if (ctx.lex.city_nicknames.contains(c) || ctx.lex.ProvinceLetter(c) >= 0) continue;
    auto it = ctx.lex.city_initials.find(c);
    if (it == ctx.lex.city_initials.end() ||
        std::none_of(it->second.begin(), it->second.end(),
                     [&](int32_t r) { return schema::IsPrefectureLevel(ctx.lex.region(r).level); }))
      return false;
  }
  return true;
}

// True when a plan verb (words.json plan_verbs) runs the programme named from `start`: right before
// it (实施优质本科扩容工程) or before the first programme of a list that ends with it (深入推进特殊引才
// 计划和关键核心技术人才工程). The list's earlier items are candidates of this pass, after `first`.
bool PlanVerbRuns(const SentenceContext& ctx, uint32_t start, size_t first) {
  constexpr int kMaxItems = 4;
  for (int item = 0; item < kMaxItems; ++item) {
    if (ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, start, ctx.s) > 0) return true;
    if (start <= ctx.s + 1 || (ctx.t[start - 1] != U'和' && ctx.t[start - 1] != U'、' && ctx.t[start - 1] != U'及'))
      return false;
    uint32_t item_end = start - 1;
    if (item_end > ctx.s && IsCloseQuote(ctx.t[item_end - 1])) --item_end;
    const Candidate* earlier = nullptr;
    for (size_t k = ctx.candidates.size(); k > first && !earlier; --k) {
      const Candidate& c = ctx.candidates[k - 1];
      if (c.end == item_end || c.end == start - 1) earlier = &c;
    }
    if (!earlier || (*earlier->type != "Plan"sv && *earlier->type != "Initiative"sv)) return false;
    start = earlier->start;
    if (start > ctx.s && IsOpenQuote(ctx.t[start - 1])) --start;
  }
  return false;
}

// 西部陆海新通道西线主通道重点工程隆泸叙铁路, 国家重点工程包银高铁: a class phrase (generic words and
// a head: 重点工程) describes the name that follows it, and that name starts after it when it has a
// mark of its own (a place, two place letters, a code). Returns where the name starts. The caller
// asks only for works (a head typed Project or built in phases: 铁路, 高铁, 机场).
uint32_t AfterDescription(const SentenceContext& ctx, uint32_t start, uint32_t head_start) {
  for (uint32_t p = head_start - 2; p >= start + 4; --p) {
    const Trie::Match inner = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p), p);
    if (inner.length < 2) continue;
    // Only a class of works describes (重点工程, 重大项目); 国家重点实验室成都分中心 is one name.
    const std::string& inner_type = ctx.lex.lex().heads[inner.value].type;
    if (inner_type != "Plan"sv && inner_type != "Project"sv) return start;
    const uint32_t q = p - inner.length;
    bool described = false;
    for (uint32_t g = q >= start + 4 ? q - 4 : start; g + 2 <= q && !described; ++g)
      described = ctx.IsGenericModifier(g, q);
    if (!described) continue;
    if (HasOwnMark(ctx, p, head_start, false, false) || ctx.PlaceLettersIn(p, p + 2)) return p;
    return start;
  }
  return start;
}

// True when [start, head_start) opens with three letters or more, each the initial or nickname of
// exactly one prefecture-level city of the report's province, and words follow them (杭甬温要素
// 市场化配置综合改革试点 in Zhejiang's report: 杭州, 宁波, 温州), as gazetteer.city_letters reads them.
bool HomeLettersOpen(const SentenceContext& ctx, uint32_t start, uint32_t head_start) {
  const int32_t province = ctx.lex.gazetteer.province(ctx.out.document_region);
  if (province < 0) return false;
  uint32_t q = start;
  while (q < head_start && q < start + 5 && ctx.hit_at[q - ctx.s] < 0) {
    const char32_t c = ctx.t[q];
    const auto nickname = ctx.lex.city_nicknames.find(c);
    const bool home = ctx.lex.PrefecturesByInitial(c, province).size() == 1 ||
                      (nickname != ctx.lex.city_nicknames.end() && ctx.lex.gazetteer.province(nickname->second) == province);
    if (!home) break;
    ++q;
  }
  return q >= start + 3 && q < head_start && !ctx.IsGenericModifier(start, q);
}

// 环湖医院天塔院区, 海南医科大学桂林洋校区: the name of a body (an Institution head: 医院, 大学) ending
// two to four letters before the head of one of its parts (heads.json body_part) stands for the place
// the part needs; the letters between are the part's own name (not 新院区, 多院区).
bool BodyNamedBefore(const SentenceContext& ctx, uint32_t start, uint32_t head_start) {
  for (uint32_t own = 2; own <= 4 && head_start >= start + own + 2; ++own) {
    const uint32_t body_end = head_start - own;
    const Trie::Match body =
        ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), body_end), body_end);
    if (body.length == 0 || body_end - body.length < start) continue;
    if (ctx.lex.lex().heads[body.value].type != "Institution"sv) continue;
    return !ctx.IsGenericModifier(body_end, head_start) &&
           std::all_of(ctx.t.begin() + body_end, ctx.t.begin() + head_start, IsCjk);
  }
  return false;
}

// 疆电外送第三通道, 巴丹吉林二回通道: a name of works numbered before its head (第N, N回 after at least
// two letters of its own) needs no place.
bool NumberedWorks(const SentenceContext& ctx, uint32_t start, uint32_t head_start) {
  if (head_start < start + 4) return false;
  const auto& t = ctx.t;
  const bool ordinal = IsChineseNumeral(t[head_start - 1]) && t[head_start - 2] == U'第';
  const bool circuit = t[head_start - 1] == U'回' && IsChineseNumeral(t[head_start - 2]);
  return ordinal || circuit;
}

// False when letters starting at `start` follow a one-letter soft boundary that may sit inside another
// word (新和成南港新材料: the name stopped at 和, and 成南 reads no places); true after a break, a
// boundary word or a head (建成深中通道, …综合枢纽新海港).
bool LettersStandAlone(const SentenceContext& ctx, uint32_t start) {
  if (start == ctx.s || IsNameBreak(ctx.t[start - 1])) return true;
  return ctx.lex.soft_boundary_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), start), start).length != 1;
}

// 狮子洋通道, 黄茅海通道, 莲花山通道: a modifier of exactly three letters naming a sea, strait, bay,
// mountain, lake or river (its last letter) is a place for a head of works that needs one. The two
// letters before the feature are no generic words, count or boundary (not 出海通道, 大湾区通道).
bool NamedFeature(const SentenceContext& ctx, uint32_t start, uint32_t head_start) {
  if (head_start != start + 3) return false;
  const auto& t = ctx.t;
  if (U"山洋海峡湾湖江河岭"sv.find(t[head_start - 1]) == std::u32string_view::npos) return false;
  for (uint32_t q = start; q < head_start; ++q) {
    if (!IsCjk(t[q]) || IsChineseNumeral(t[q]) || ctx.hit_at[q - ctx.s] >= 0) return false;
  }
  uint32_t boundary = 0;
  return !ctx.IsGenericModifier(start, start + 2) && !ctx.IsGenericModifier(start + 1, start + 2) &&
         !ctx.ContainsWord(ctx.lex.boundary_words, start, head_start) && !ctx.BoundaryEndsAt(start + 2, start, &boundary);
}

// True when a verb of words.json plan_name_verbs (发展, 提升 …) starts at `pos` and ends by `limit`.
bool PlanNameVerbAt(const SentenceContext& ctx, uint32_t pos, uint32_t limit) {
  for (uint32_t len = 2; len <= 4 && pos + len <= limit; ++len) {
    if (ctx.WordEndingAt(ctx.lex.plan_name_verbs_reversed, pos + len, pos) == len) return true;
  }
  return false;
}

// True when a construction verb (words.json construction_verbs: 开工建设, 建成 …) governs the name at
// `start`: right before it, or before the list of short items that ends with it.
// An upgrade before the verb (提档建设钓鱼城国家考古遗址公园, 提质建设) works on what stands already.
bool UnderConstruction(const SentenceContext& ctx, uint32_t start) {
  constexpr uint32_t kMaxItem = 14, kMaxItems = 6;
  const uint32_t clause = ctx.ClauseStart(start);
  const lexicon::Trie& verbs = ctx.lex.construction_verbs_reversed;
  if (const uint32_t verb = ctx.WordEndingAt(verbs, start, clause); verb > 0) {
    const uint32_t at = start - verb;
    if (at >= clause + 2 && ctx.t[at - 2] == U'提' &&
        U"档质升级"sv.find(ctx.t[at - 1]) != std::u32string_view::npos)
      return false;
    return true;
  }
  return ctx.VerbOpeningList(verbs, start, clause, kMaxItem, kMaxItems) > 0;
}

// True when an operation word (words.json operation_words: 发送旅客, 运能 …) follows `end` in its
// sentence, within 40 letters and over commas (中老铁路发展远超预期，累计发送旅客…), with no build word
// (construction_verbs) between.
bool OperatingAfter(const SentenceContext& ctx, uint32_t end) {
  if (ctx.lex.operation_words.empty()) return false;
  const std::u32string_view view(ctx.t.data(), ctx.e);
  for (uint32_t p = end; p < ctx.e && p < end + 40 && ctx.t[p] != U'。' && ctx.t[p] != U';'; ++p) {
    if (ctx.lex.operation_words.LongestAt(view, p).length > 0) return true;
    if (ctx.lex.construction_verbs_reversed.LongestEndingAt(view, p + 1).length >= 2) return false;
  }
  return false;
}

// The length of a construction word (words.json construction_verbs: 建成, 开工建设, 建设 …, after an
// optional build_adverbs word: 启动建设) at `pos`, or 0.
uint32_t ConstructionWordAt(const SentenceContext& ctx, uint32_t pos) {
  const std::u32string_view view(ctx.t.data(), ctx.e);
  const uint32_t adverb = ctx.lex.build_adverbs.LongestAt(view, pos).length;
  for (const uint32_t from : {pos + adverb, pos}) {
    for (uint32_t len = 4; len >= 2; --len) {
      if (from + len > ctx.e) continue;
      if (ctx.lex.construction_verbs_reversed.LongestEndingAt(view, from + len).length == len) return from + len - pos;
    }
  }
  return 0;
}

// True when the construction word [pos, pos + length) says a building was finished and opened to
// the public (秦岭博物馆等建成开放: a Facility that now stands, as the golds type museums and theatres).
bool OpensToPublic(const SentenceContext& ctx, uint32_t pos, uint32_t length) {
  const uint32_t after = pos + length;
  return after + 1 < ctx.e && ctx.t[after] == U'开' &&
         (ctx.t[after + 1] == U'放' || ctx.t[after + 1] == U'馆' || ctx.t[after + 1] == U'园');
}

// True when a construction word follows the name ending at `end`, or the list of short names it
// opens: 嘉兴南湖机场、丽水机场建成投运 (not 璧山机场前期工作: planning builds nothing yet); also after
// 等 and a short category (…房山校区、…亦庄院区等开工建设, 宣武医院房山院区等新院区开工建设), unless
// the category is of facilities (设施).
bool BuiltAfter(const SentenceContext& ctx, uint32_t end) {
  constexpr uint32_t kMaxItem = 14, kMaxItems = 6, kMaxCategory = 6;
  uint32_t q = end;
  for (uint32_t items = 0; items <= kMaxItems && q < ctx.e; ++items) {
    if (const uint32_t built = ConstructionWordAt(ctx, q); built > 0) return !OpensToPublic(ctx, q, built);
    if (ctx.t[q] == U'等') {
      for (uint32_t k = q + 1; k < ctx.e && k <= q + 1 + kMaxCategory && !IsNameBreak(ctx.t[k]); ++k) {
        // (…体育馆等公共文体设施建成: a category of venues says what now stands; not 基础设施, works.)
        if (ctx.t[k] == U'设' && k + 1 < ctx.e && ctx.t[k + 1] == U'施' && ctx.t[k - 1] != U'础') return false;
        if (const uint32_t built = ConstructionWordAt(ctx, k); built > 0) return !OpensToPublic(ctx, k, built);
      }
      return false;
    }
    if (ctx.t[q] != U'、' && ctx.t[q] != U'和') return false;
    // The next item ends where a head does, right before a construction word or a list mark.
    uint32_t next = q + 1;
    while (next < ctx.e && next - q <= kMaxItem && ctx.t[next] != U'、' && ctx.t[next] != U'和' &&
           ctx.t[next] != U'等' && !IsNameBreak(ctx.t[next]) &&
           !(ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), next), next).length > 0 &&
             ConstructionWordAt(ctx, next) > 0))
      ++next;
    if (next >= ctx.e || next - q > kMaxItem || (IsNameBreak(ctx.t[next]) && ctx.t[next] != U'、')) return false;
    q = next;
  }
  return false;
}

// True when the name ending at `end` is an item of a list closed by a Project cue: 推进定平铁路、武威机场、
// 临夏机场等项目 (the airports are projects there).
bool ListedAsProjects(const SentenceContext& ctx, uint32_t end) {
  constexpr uint32_t kMaxItem = 16, kMaxItems = 8, kCueReach = 6;
  const std::u32string_view view(ctx.t.data(), ctx.e);
  uint32_t q = end;
  for (uint32_t items = 0; items < kMaxItems && q < ctx.e; ++items) {
    if (ctx.t[q] == U'等') {
      for (uint32_t j = q + 1; j < ctx.e && j <= q + kCueReach && !IsNameBreak(ctx.t[j]); ++j) {
        const Trie::Match cue = ctx.lex.cues.LongestAt(view, j);
        if (cue.length > 0) return ctx.lex.lex().cues[cue.value].type == "Project"sv;
      }
      return false;
    }
    if (ctx.t[q] != U'、') return false;
    uint32_t next = q + 1;
    while (next < ctx.e && next - q <= kMaxItem && ctx.t[next] != U'、' && ctx.t[next] != U'等' &&
           !IsNameBreak(ctx.t[next]))
      ++next;
    q = next;
  }
  return false;
}

// True when an evaluative word (高水平, 一流) stands in [start, end): a description, not a name. Inside
// a title, 高质量发展 names the subject (清洁能源产业高质量发展规划).
bool Evaluates(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  const std::u32string_view view(ctx.t.data(), end);
  for (uint32_t q = start; q < end; ++q) {
    const uint32_t len = ctx.lex.evaluative_words.LongestAt(view, q).length;
    if (len == 0) continue;
    // Inside a region's name it is the name's (长春现代化都市圈汽车产业集群).
    if (const int32_t k = ctx.hit_at[q - ctx.s]; k >= 0 && ctx.hits[k].start < q && ctx.hits[k].end >= q + len) {
      q = ctx.hits[k].end - 1;
      continue;
    }
    // 世界级 right after the place that opens the name grades that place's designation (崇明世界级生态岛).
    if (q >= start + 2 && view.substr(q).starts_with(U"世界级"sv)) {
      if (const int32_t k = ctx.hit_ending[q - ctx.s]; k >= 0 && ctx.hits[k].start == start && !ctx.hits[k].blend) {
        q += len - 1;
        continue;
      }
    }
    if (q > start && view.substr(q).starts_with(U"高质量发展"sv)) {
      q += len - 1;
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace

// entity.head: a span ending in a head (实验室 → Lab), its left edge found by NameStart; a category
// (国家高新区, 三中心, 中医院) is kept as generic, as is a weak head (words.json weak_heads: 项目,
// 平台) without a place, quote or code before it.
void EntityHead(SentenceContext& ctx) {
  const uint32_t s = ctx.s, e = ctx.e;
  const size_t first_candidate = ctx.candidates.size();
  std::vector<std::pair<uint32_t, uint32_t>> descriptions;  // [start, end) of 重点工程-like descriptions
  // A head ends at `end` only where its last character has the flag.
  for (const uint32_t last : ctx.head_ends) {
    const uint32_t end = last + 1;
    Trie::Match head =
        ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), end), end);
    if (head.length == 0) continue;
    uint32_t head_start = end - head.length;
    // 轨道交通二号线, 地铁15号线: the number belongs to the head.
    if (ctx.t[head_start] == U'号') {
      while (head_start > s && (IsDigit(ctx.t[head_start - 1]) || IsChineseNumeral(ctx.t[head_start - 1]))) --head_start;
    }
    if (head_start < s) continue;
    const auto& h = ctx.lex.lex().heads[head.value];
    if (head_start == s) {
      // A head that names one thing alone (a known site, 冬奥会) may open the sentence: 北京中轴线历时
      // 12年成功申遗. Any other head there has no name before it.
      if (h.whole_name && head_start == end - head.length && ctx.CanEndName(end, e) &&
          (ctx.hit_at[0] < 0 || ctx.hits[ctx.hit_at[0]].end <= end)) {
        Candidate c{s, end, s, &h.type, h.site ? "entity.known_site" : "entity.head", false, h.host};
        ctx.candidates.push_back(c);
      }
      continue;
    }
    // A head inside a region name (中心 in 中心城区) is not a head.
    bool inside_region = false;
    for (uint32_t p = head_start; p < end && !inside_region; ++p) {
      int32_t k = ctx.hit_at[p - ctx.s];
      inside_region = k >= 0 && !(ctx.hits[k].start >= head_start && ctx.hits[k].end <= end);
    }
    if (inside_region) continue;
    uint32_t name_end = end;
    // Phase suffix: 科学大道一期; a head's phase_type types the phase (长乐机场二期 is a Project), and
    // the phase of a body, lab or platform is built as a project too (崖州湾国家实验室二期, 西湖大学三期;
    // a facility without a phase_type keeps its type: 科学大道一期, as the reference annotation has it).
    const std::string* type = &h.type;
    if (name_end + 2 <= e && ctx.t[name_end + 1] == U'期' &&
        U"一二三四五六七八九"sv.find(ctx.t[name_end]) != std::u32string_view::npos) {
      name_end += 2;
      if (!h.phase_type.empty()) {
        type = &h.phase_type;
      } else if (h.type == "Institution"sv || h.type == "Lab"sv || h.type == "Platform"sv) {
        if (const schema::EntityType* project = ctx.lex.types.project) type = &project->name;
      }
    }
    // A generating unit after a plant's name belongs to it (宁德核电6号机组): built as a project.
    {
      uint32_t q = name_end;
      while (q < e && q - name_end < 2 && (IsDigit(ctx.t[q]) || IsChineseNumeral(ctx.t[q]))) ++q;
      if (q > name_end && q + 3 <= e && std::u32string_view(ctx.t.data() + q, 3) == U"号机组"sv &&
          ctx.CanEndName(q + 3, e)) {
        name_end = q + 3;
        if (const schema::EntityType* project = ctx.lex.types.project) type = &project->name;
      }
    }
    // A section named by its direction belongs to the name, after a phase too (地铁4号线北段,
    // 7号线一期南段, 11号线东延段, 徐汇滨江南延伸段); it is built as a project when the head has a phase type.
    {
      uint32_t q = name_end;
      if (q + 2 <= e && U"东南西北中"sv.find(ctx.t[q]) != std::u32string_view::npos) {
        ++q;
        if (q < e && ctx.t[q] == U'延') ++q;
        if (q < e && ctx.t[q] == U'伸' && ctx.t[q - 1] == U'延') ++q;
        if (q < e && ctx.t[q] == U'段' && ctx.hit_at[name_end - s] < 0 && ctx.CanEndName(q + 1, e)) {
          name_end = q + 1;
          if (!h.phase_type.empty()) type = &h.phase_type;
        }
      }
    }
    // A version after the name (中国—东盟自由贸易区3.0版, 澜湄合作2.0版) belongs to it.
    {
      uint32_t q = name_end;
      while (q < e && IsDigit(ctx.t[q])) ++q;
      if (q > name_end && q + 2 < e && ctx.t[q] == U'.' && IsDigit(ctx.t[q + 1])) {
        q += 2;
        while (q < e && IsDigit(ctx.t[q])) ++q;
        if (q < e && ctx.t[q] == U'版' && ctx.CanEndName(q + 1, e)) name_end = q + 1;
      }
    }
    if (!h.phase_type.empty() || h.type == "Project"sv || h.type == "Facility"sv) {
      // A construction stage (words.json stage_suffixes) names a project: 义乌机场改扩建, 成渝高速扩容,
      // 龙嘉机场三期扩建, 河套灌区现代化改造; a facility's too (碳酸锂装置系统性优化改造).
      const uint32_t stage = ctx.lex.stage_suffixes.LongestAt(std::u32string_view(ctx.t.data(), e), name_end).length;
      if (stage > 0 && ctx.CanEndName(name_end + stage, e)) {
        name_end += stage;
        if (!h.phase_type.empty()) {
          type = &h.phase_type;
        } else if (const schema::EntityType* project = ctx.lex.types.project) {
          type = &project->name;
        }
      }
    }
    // A region's segment after a route's head belongs to the name (黔江至吉首高铁重庆段, 银昆高速宁夏段;
    // 长城国家文化公园甘肃段 after a project's head too), and so does one named by two places' letters,
    // with its stage (成渝铁路成隆段扩能改造).
    const bool route = !h.phase_type.empty();
    if ((route || h.type == "Project"sv) && name_end < e) {
      const int32_t k = ctx.hit_at[name_end - s];
      uint32_t segment = 0;
      if (k >= 0 && ctx.hits[k].start == name_end && ctx.hits[k].end < e && ctx.t[ctx.hits[k].end] == U'段') {
        segment = ctx.hits[k].end + 1;
      } else if (route && name_end + 3 <= e && ctx.t[name_end + 2] == U'段' && k < 0 && ctx.hit_at[name_end + 1 - s] < 0 &&
                 ctx.PlaceLettersIn(name_end, name_end + 2)) {
        segment = name_end + 3;
      } else if (route && k >= 0 && ctx.hits[k].start == name_end) {
        // 渝厦高铁重庆东至黔江段: a segment between two places (a station's direction letter may
        // follow the first).
        uint32_t to = ctx.hits[k].end;
        if (to < e && IsDirectionLetter(ctx.t[to])) ++to;
        if (to + 1 < e && IsRouteJoiner(ctx.t[to])) {
          const int32_t next = ctx.hit_at[to + 1 - s];
          if (next >= 0 && ctx.hits[next].start == to + 1 && ctx.hits[next].end < e &&
              ctx.t[ctx.hits[next].end] == U'段') {
            segment = ctx.hits[next].end + 1;
          } else if (next < 0) {
            // … and to a place the gazetteer does not know, two to four letters (川青铁路成都至黄胜关段).
            for (uint32_t end = to + 3; end <= to + 5 && end < e && !IsNameBreak(ctx.t[end - 1]); ++end) {
              uint32_t word = 0;
              if (ctx.BoundaryEndsAt(end, to + 1, &word) || ctx.hit_at[end - 1 - s] >= 0) break;
              if (ctx.t[end] == U'段') {
                segment = end + 1;
                break;
              }
            }
          }
        }
      }
      if (segment > 0) {
        const uint32_t stage = ctx.lex.stage_suffixes.LongestAt(std::u32string_view(ctx.t.data(), e), segment).length;
        if (stage > 0 && ctx.CanEndName(segment + stage, e)) segment += stage;
        if (ctx.CanEndName(segment, e)) name_end = segment;
      }
    }
    // G214加卡至邦达机场段: a route's segment that ends at a facility is named by it, a project.
    if (!h.phase_type.empty() && name_end < e && ctx.t[name_end] == U'段' && ctx.CanEndName(name_end + 1, e)) {
      bool route = false;
      for (uint32_t q = head_start; q > s && head_start - q < kMaxEnumerationItem && !route; --q)
        route = IsRouteJoiner(ctx.t[q - 1]);
      if (route) {
        ++name_end;
        type = &h.phase_type;
      }
    }
    // A bracketed region after the head belongs to the name: …转移转化中心(成渝地区).
    if (name_end < e && ctx.t[name_end] == U'(') {
      uint32_t close = name_end + 1;
      while (close < e && close - name_end < 12 && ctx.t[close] != U')' &&
             !IsNameBreak(ctx.t[close]))
        ++close;
      // … and so does a brand's own name in brackets (中欧班列(义新欧), 中亚班列(澜湄快线), 中欧班列(中豫号)).
      const bool brand_name = h.type == "Brand"sv && close - name_end >= 3 && close - name_end <= 7 &&
                              std::all_of(ctx.t.begin() + name_end + 1, ctx.t.begin() + close, IsCjk);
      // … and a route's segment named by its two ends' letters (渝昆高铁(渝宜段)).
      const bool letter_segment = route && close == name_end + 4 && ctx.t[close - 1] == U'段' &&
                                  ctx.PlaceLettersIn(name_end + 1, close - 1);
      if (close < e && ctx.t[close] == U')' &&
          (brand_name || letter_segment || !ctx.FindRegions(name_end + 1, close).empty()))
        name_end = close + 1;
    }
    // A known site's name is no part of a place named after it (故宫厅, 三星堆馆).
    if (h.site && name_end < e &&
        U"厅馆园区站村镇路街楼院"sv.find(ctx.t[name_end]) != std::u32string_view::npos)
      continue;
    // 南部典型热带区域“山水工程”: a head quoted alone closes a name written before its opening mark.
    // (With nothing before the mark, the head is read as usual: 共建“一带一路”; nor after another quoted
    // word, “稳定器”“示范区”, a list.)
    uint32_t start = kRejected;
    if (!h.whole_name && name_end == end && end + 1 < e && IsCloseQuote(ctx.t[end]) && head_start > s + 1 &&
        IsOpenQuote(ctx.t[head_start - 1]) && !IsCloseQuote(ctx.t[head_start - 2]) && ctx.CanEndName(end + 1, e)) {
      start = ctx.NameStart(head_start - 1, s, true);
      if (start != kRejected && start + 1 < head_start) {
        name_end = end + 1;
      } else {
        start = kRejected;
      }
    }
    if (start == kRejected) {
      if (!ctx.CanEndName(name_end, e)) continue;  // 工程师, 中心城市: the head runs on into another word
      start = ctx.NameStart(head_start, s, true);
      if (start == kRejected) continue;
    }
    // A known site is named by itself, or with the place written right before it (元阳哈尼梯田); what
    // else stands before it is no part of the name (我们保护故宫, 天空之镜茶卡盐湖).
    // (A sector word before it names another thing after the site: 农业中关村, not the site.)
    bool site_reading = h.site;
    if (h.site && start < head_start) {
      const int32_t place = ctx.hit_ending[head_start - s];
      if (place >= 0 && ctx.hits[place].start >= start) {
        start = ctx.hits[place].start;
      } else if (ctx.IsGenericModifier(start, head_start) && ctx.OpensWord(start)) {
        site_reading = false;
      } else {
        start = head_start;
      }
    }
    // 开展冰雪旅游提升计划, 实施国际化标准景区建设工程: right before a head flagged verb_named (计划,
    // 工程; not 方案: …试验区建设方案) a verb of words.json plan_name_verbs belongs to the name, with
    // what stands before it.
    // Two such verbs may stand there (“双一流”建设突破计划, 地理标志运用促进工程).
    if (start == head_start && h.verb_named) {
      constexpr int kMaxVerbs = 2;
      uint32_t verbs_start = head_start;
      for (int n = 0; n < kMaxVerbs && start == head_start; ++n) {
        const uint32_t verb = ctx.lex.plan_name_verbs_reversed
                                  .LongestEndingAt(std::u32string_view(ctx.t.data(), verbs_start), verbs_start)
                                  .length;
        if (verb == 0 || verbs_start - verb <= s) break;
        verbs_start -= verb;
        const uint32_t left = ctx.NameStart(verbs_start, s, true);
        // (Generic words will do when a plan verb runs the whole: 实施优质本科扩容工程.)
        if (left != kRejected && left < verbs_start &&
            (!ctx.IsGenericModifier(left, verbs_start) || PlanVerbRuns(ctx, left, first_candidate)))
          start = left;
      }
    }
    // 成渝地区双城经济圈建设规划纲要, 西部陆海新通道建设总体规划: a plan's head (not verb_named) right
    // after 建设 or another plan-name verb is titled with the named place or platform before the verb.
    // (Only a framework plan's title, 总体方案, 总体规划, 规划纲要: the seed annotation keeps 川南渝西融合发展试验区
    // 建设方案 the zone's, no plan of its own.)
    const bool framework_plan = !h.verb_named && *type == "Plan"sv && [&] {
      const std::u32string_view title(ctx.t.data(), end);
      return title.ends_with(U"总体方案"sv) || title.ends_with(U"总体规划"sv) ||
             title.ends_with(U"规划纲要"sv);
    }();
    // … when [left, named_end) is a name of its own: a head or a place ends it.
    const auto names_place_or_platform = [&](uint32_t left, uint32_t named_end) {
      if (left == kRejected || left + 2 > named_end || ctx.IsGenericModifier(left, named_end)) return false;
      const int32_t place = ctx.hit_ending[named_end - s];
      return ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), named_end), named_end).length > 0 ||
             (place >= 0 && !ctx.hits[place].blend);
    };
    if (start == head_start && framework_plan) {
      const uint32_t verb =
          ctx.lex.plan_name_verbs_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), head_start), head_start).length;
      if (verb > 0 && head_start - verb > s + 2) {
        const uint32_t left = ctx.NameStart(head_start - verb, s, true);
        if (names_place_or_platform(left, head_start - verb)) start = left;
      }
    }
    // 实施大规模职业技能提升培训行动, 实施自贸试验区提升战略引领行动: inside a name with such a head, a
    // verb of plan_name_verbs that stopped the name belongs to it too, with the words before it, when a
    // plan verb (words.json plan_verbs: 实施, 开展 …) runs the whole (PlanVerbRuns).
    // So does any other verb of two letters or more (北疆屏障国家安全保障能力…提升工程: 保障).
    // (A plan's other heads take only that last case: 实施优化营商环境行动方案.)
    if ((h.verb_named || *type == "Plan"sv) && start > s && start < head_start) {
      uint32_t verb =
          ctx.lex.plan_name_verbs_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), start), start).length;
      const bool is_plan_name_verb = verb > 0;
      // (Not a plan verb of its own, 深化, nor generic words, 主要.)
      if (uint32_t other = 0; verb == 0 && ctx.BoundaryEndsAt(start, s, &other) && other >= 2 &&
                              ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, start, start - other) == 0 &&
                              !ctx.IsGenericModifier(start - other, start))
        verb = other;
      if (verb > 0 && start - verb > s) {
        const uint32_t left = ctx.NameStart(start - verb, s, true);
        // (我省融入服务…: the report's own region is no part of the name.)
        // (Two letters or more before the verb: 加快推进行动计划 has no name in 推 before 进行.)
        // (… or, in a report of work done, the clause opens with the name and says how it went:
        // 服务企业效能提升突破年行动取得实效, words.json build_progress.)
        const auto reported = [&] {
          return left == ctx.ClauseStart(left) &&
                 ctx.lex.build_progress.LongestAt(std::u32string_view(ctx.t.data(), e), name_end).length > 0;
        };
        if (h.verb_named && left != kRejected && left + 2 <= start - verb && !ctx.IsGenericModifier(left, start - verb) &&
            ctx.t[left] != U'我' && (PlanVerbRuns(ctx, left, first_candidate) || reported())) {
          start = left;
        } else if (is_plan_name_verb && framework_plan && names_place_or_platform(left, start - verb)) {
          // 海南自由贸易港建设总体方案, 成渝地区双城经济圈建设规划纲要: a plan for building a named place or
          // platform is titled with it (the platform stays a name of its own inside).
          start = left;
        } else if (is_plan_name_verb && ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, start - verb, s) > 0 &&
                   (ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, start, start - verb) != verb ||
                    PlanNameVerbAt(ctx, start, head_start))) {
          // 实施促进居民增收三年行动, 实施扩大民间投资专项行动: a plan-name verb right after the plan verb
          // opens the name (not one that is a plan verb itself: 加快建设陇电入川工程, unless another
          // plan-name verb follows it: 实施培育发展未来产业三年行动).
          start -= verb;
        }
      }
    }
    // 实施大力提高中小学教师水平专项行动, 开展优化涉外服务提升国际化营商环境行动, 实施新一轮农村公路及
    // 村庄道路提升行动: a programme a plan verb runs (a head flagged verb_named) is named by all that
    // stands between the verb and its head, verbs and adverbs included, when that is short and holds
    // no mark, digit or list word but 及 (a title skip word right after the verb stays out: 新一轮).
    // (Not a label that counts, 千万工程, 双高计划, 十项行动: its words before it are a description.)
    // (Nor a quoted name: 深化拓展“百万英才汇南粤”行动.)
    if (h.verb_named && start > s && start < head_start && !IsChineseNumeral(ctx.t[start]) &&
        std::none_of(ctx.t.begin() + start - 1, ctx.t.begin() + head_start,
                     [](char32_t c) { return IsOpenQuote(c) || IsCloseQuote(c); })) {
      constexpr uint32_t kMaxProgramme = 16;
      for (uint32_t p = start; p > s && head_start - p < kMaxProgramme; --p) {
        if (const uint32_t verb = ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, p, s); verb > 0) {
          const uint32_t from =
              p + ctx.lex.title_skip_words.LongestAt(std::u32string_view(ctx.t.data(), head_start), p).length;
          // (Nor generic words, before or in the name: 实施省级重点工程, 抓好落细民生工程. A head the
          // description goes on from with a verb names nothing of its own: 实施中试平台建在产业链上专项行动.)
          const auto head_then_verb = [&] {
            const std::u32string_view view(ctx.t.data(), start);
            for (uint32_t end = from + 2; end < start; ++end) {
              if (ctx.lex.heads_reversed.LongestEndingAt(view, end).length < 2) continue;
              // (The verb may follow one letter later: 建在.)
              for (uint32_t verb = end; verb < start && verb <= end + 1; ++verb) {
                if (ctx.lex.boundary_words.LongestAt(view, verb).length > 0) return true;
              }
            }
            return false;
          };
          if (from < start && (!ctx.ContainsHead(from, start) || head_then_verb()) &&
              !ctx.IsGenericModifier(from, start) &&
              !ctx.IsGenericModifier(start, head_start))
            start = from;
          break;
        }
        const char32_t c = ctx.t[p - 1];
        if (!IsCjk(c) || IsChineseNumeral(c) || c == U'和' || c == U'与' || c == U'等' || c == U'的' ||
            c == U'我')
          break;
      }
    }
    // 出台加快发展生物制造产业实施方案, 出台科技、绿色、质量、品牌农业实施方案, 制定实施建设美丽中国先行区
    // 方案: a plan a title verb makes (words.json title_verbs) is named by all that stands between the
    // verb and its head, verbs, list marks and codes included (服务业扩大开放3.0方案), up to kMaxPlanTitle
    // letters and over no clause break, quote, bracket or 等; after a word of title_skip_words the name
    // is what it would be without the verb (出台新一轮南沙总体发展规划 names 南沙总体发展规划, 编制了…).
    bool titled = false;
    if (*type == "Plan"sv && !h.verb_named && start > s) {
      constexpr uint32_t kMaxPlanTitle = 20;
      for (uint32_t q = start; q > s && head_start - q <= kMaxPlanTitle; --q) {
        if (ctx.WordEndingAt(ctx.lex.title_verbs_reversed, q, s) > 0) {
          // (the verb's complement is no part of the title: 编制好新一轮…规划)
          uint32_t title = q;
          while (title < start && (ctx.t[title] == U'好' || ctx.t[title] == U'了')) ++title;
          // (… nor the report's 我省/我市/我区, after which the title goes on: 制定我省融入服务全国统一大市场
          // 建设行动方案 names 融入…方案)
          uint32_t skip =
              ctx.lex.title_skip_words.LongestAt(std::u32string_view(ctx.t.data(), head_start), title).length;
          if (skip > 0 && ctx.t[title] == U'我') {
            title += skip;
            skip = 0;
          }
          if (title < start && title + 2 <= head_start && skip == 0) {
            start = title;
            titled = true;
          }
          break;
        }
        const char32_t c = ctx.t[q - 1];
        if (IsClauseBreak(c) || IsOpenQuote(c) || IsCloseQuote(c) || c == U'(' || c == U')' || c == U'《' ||
            c == U'》' || c == U'等' || c == U' ')
          break;
      }
    }
    // 在甘全国重点实验室, 来渝高校: a province letter after 在/来/赴/驻 says where, it names nothing.
    if (start > s && start + 1 < head_start && ctx.lex.ProvinceLetter(ctx.t[start]) >= 0 &&
        U"在来赴驻"sv.find(ctx.t[start - 1]) != std::u32string_view::npos &&
        ctx.MatchRegionAt(start, head_start).length <= 1) {
      ++start;
    }
    // 湘琼先进制造业共建产业园, 沪滇合作共建园区: the places that build it jointly open the name.
    if (start >= s + 2 && ctx.t[start - 2] == U'共' && ctx.t[start - 1] == U'建') {
      const uint32_t left = ctx.NameStart(start - 2, s, false);
      const int32_t k = left != kRejected && left < start - 2 ? ctx.hit_at[left - s] : -1;
      if (k >= 0 && ctx.hits[k].blend && ctx.hits[k].start == left) start = left;
    }
    // A quoted nickname is a name even when it counts: “双千”计划.
    // So is a name quoted whole, head and all, when its modifier is numerals alone (“百千万工程”, “双百行动”)
    // or three specific letters or more without a numeral (“台胞寻根平台”); not a count of kinds (“六大行动”,
    // “一区两基地”), generic words (“重点工程”) or a two-letter compound, a kind of thing (“零碳园区”).
    const auto numeral_at = [&](uint32_t k) { return IsChineseNumeral(ctx.t[k]) || ctx.t[k] == U'亿'; };  // “百亿工程”
    bool all_numerals = head_start > start, any_numeral = false;
    for (uint32_t k = start; k < head_start; ++k) {
      all_numerals = all_numerals && numeral_at(k);
      any_numeral = any_numeral || numeral_at(k);
    }
    // … or a count and what it counts, quoted with a programme's head (“八项民生工程”: not “六大行动”).
    const uint32_t kinds = ctx.KindCountLength(start, head_start);
    const bool counted_programme = kinds > 0 && head_start >= start + kinds + 2 && h.verb_named;
    const bool quoted_whole = start > s && IsOpenQuote(ctx.t[start - 1]) && name_end < e &&
                              IsCloseQuote(ctx.t[name_end]) && name_end - start >= 4 &&
                              std::find(ctx.t.begin() + start, ctx.t.begin() + head_start, U'+') ==
                                  ctx.t.begin() + head_start &&  // (not a formula: “跨境电商+产业带”)
                              (all_numerals || (!any_numeral && head_start - start >= 3 &&
                                                !ctx.IsGenericModifier(start, head_start)) ||
                               counted_programme);
    const bool nickname =
        (IsOpenQuote(ctx.t[start]) && IsCloseQuote(ctx.t[head_start - 1]) && head_start - start > 2) || quoted_whole;
    // … but a quoted count before a weak head is a kind of project (“两重”项目), not a nickname.
    const bool weak = ctx.lex.head_is_weak[head.value];
    const bool counted_quote = nickname && weak && IsChineseNumeral(ctx.t[quoted_whole ? start : start + 1]);
    // 成渝“氢走廊”“电走廊”: a place right before a run of quoted names belongs to each of them.
    uint32_t prefix_start = 0, prefix_end = 0;
    if (start > s && (IsOpenQuote(ctx.t[start]) || IsOpenQuote(ctx.t[start - 1]))) {
      uint32_t open = IsOpenQuote(ctx.t[start]) ? start : start - 1;
      bool later = false;  // an earlier quoted name stands between the place and this one
      while (open > s + 1 && IsCloseQuote(ctx.t[open - 1])) {
        uint32_t q = open - 1;
        while (q > s && !IsOpenQuote(ctx.t[q - 1]) && open - q <= kMaxEnumerationItem) --q;
        if (q <= s || !IsOpenQuote(ctx.t[q - 1])) break;
        open = q - 1;
        later = true;
      }
      const int32_t k = open > s ? ctx.hit_at[open - 1 - s] : -1;
      if (k >= 0 && ctx.hits[k].end == open && !ctx.hits[k].inside_name) {
        if (later) {
          prefix_start = ctx.hits[k].start, prefix_end = open;
        } else {
          start = ctx.hits[k].start;
        }
      }
    }
    // “阿图什杯”“喀什杯”足球邀请赛: back-to-back quoted names before a head each take it; all but
    // the last become candidates of their own here (with the head borrowed), the last is this one.
    // (Not before 行动 or 计划: “百团千企”“渝企出海”行动 are typed by their cue, entity.quoted_cue.)
    if (IsOpenQuote(ctx.t[start]) && *type != "Initiative"sv && *type != "Plan"sv) {
      std::vector<std::pair<uint32_t, uint32_t>> quoted;  // [open, close] of each quoted part
      uint32_t q = start;
      while (q < head_start && IsOpenQuote(ctx.t[q])) {
        uint32_t close = q + 1;
        while (close < head_start && !IsCloseQuote(ctx.t[close]) && !IsOpenQuote(ctx.t[close])) ++close;
        if (close >= head_start || !IsCloseQuote(ctx.t[close]) || close - q < 3) break;
        quoted.emplace_back(q, close);
        q = close + 1;
      }
      // A few plain words may stand between the last quote and the head (足球邀请赛): they go with it.
      bool counted_words = false;  // 两大文旅主轴: a count names a class
      for (uint32_t k = q; k < head_start; ++k) counted_words = counted_words || IsChineseNumeral(ctx.t[k]);
      if (quoted.size() >= 2 && q <= head_start && head_start - q <= 4 && !counted_words &&
          !HasOwnMark(ctx, q, head_start, true, true)) {
        for (size_t k = 0; k + 1 < quoted.size(); ++k) {
          Candidate part{quoted[k].first, quoted[k].second + 1, quoted[k].second + 1, type, "entity.head"};
          part.borrowed_head_start = q;
          part.borrowed_head_end = name_end;
          ctx.candidates.push_back(part);
        }
        start = quoted.back().first;
      }
    }
    const uint32_t before_quantity = start;
    start = ctx.SkipQuantityPrefix(start, head_start);
    // 办好第十八届运动会, 第15届全国运动会: an edition and an event's head, after fewer than four
    // generic letters, name that edition (an event named by more, 第七届省旅游产业发展大会, is one
    // event across its editions: 省旅游产业发展大会).
    if (*type == "Event"sv && ctx.t[before_quantity] == U'第' && head_start - before_quantity >= 3 &&
        (start >= head_start || (head_start - start < 4 && ctx.IsGenericModifier(start, head_start))))
      start = before_quantity;
    // 建成省美术馆: 省 and the head of a venue or body alone name the province's own one.
    uint32_t boundary_length = 0;
    const uint32_t province_at = start + 1 == head_start ? start : start >= head_start ? head_start - 1 : kRejected;
    const bool province_venue = province_at != kRejected && province_at >= s && ctx.t[province_at] == U'省' &&
                                (province_at == s || IsNameBreak(ctx.t[province_at - 1]) ||
                                 ctx.BoundaryEndsAt(province_at, s, &boundary_length)) &&
                                (*type == "Facility"sv || *type == "Institution"sv || h.type == "Facility"sv ||
                                 h.type == "Institution"sv);
    if (province_venue) start = province_at;
    // Nothing but the head: a common noun, unless the head names one thing (办好西博会).
    if (start >= head_start && !h.whole_name) continue;
    if (start > head_start) start = head_start;
    if (head_start - start >= 8 && (h.type == "Project"sv || h.phase_type == "Project"sv)) {
      const uint32_t name_start = AfterDescription(ctx, start, head_start);
      if (name_start > start) descriptions.emplace_back(start, name_start);
      start = name_start;
    }
    // 亚洲最大专业货运机场花湖国际机场, 全国最大港口客滚综合枢纽新海港: a superlative description
    // ending in a head of its own stands before the name (appositive); the name starts after it.
    if (const auto most = std::find(ctx.t.begin() + start, ctx.t.begin() + head_start, U'最');
        most != ctx.t.begin() + head_start) {
      const uint32_t after_most = static_cast<uint32_t>(most - ctx.t.begin()) + 2;
      for (uint32_t k = head_start - 2; k >= after_most + 2; --k) {
        const Trie::Match inner = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), k), k);
        if (inner.length > 0 && k - inner.length >= after_most) {
          descriptions.emplace_back(start, k);
          start = k;
          break;
        }
      }
    }
    // 深化提升行动: a verb alone before the head (kept by a boundary exception) names nothing.
    if (head_start > start &&
        ctx.lex.boundary_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), head_start), head_start).length ==
            head_start - start)
      continue;
    // A head that needs a quoted nickname (专项整治) makes no candidate without one in the name
    // (“两不一欠”专项整治, not 安全生产专项整治: a kind of campaign).
    if (h.needs_quote && std::none_of(ctx.t.begin() + start, ctx.t.begin() + head_start, IsCloseQuote)) continue;
    // A head that needs a place (港, 综合改革) makes no candidate without a region in the name, or
    // one ending more than place_within characters before the head (岳阳城陵矶港, not 周口港…开港).
    if (h.needs_place) {
      const uint32_t from = h.place_within < 0 || head_start - start <= static_cast<uint32_t>(h.place_within)
                                ? start
                                : head_start - h.place_within - 1;
      // A head flagged place_letters (一体化) takes only a short modifier of places' letters: a blend
      // (川渝), or two to four letters each opening a prefecture-level
      // city's or a province's name (深中一体化, 西咸一体化: read by gazetteer.city_letters once the name
      // is kept); not a whole region's name (渝东北一体化) or a word (政务云一体化).
      if (h.place_letters) {
        const uint32_t n = head_start - start;
        const int32_t k = ctx.hit_at[start - s];
        // (… or a group written as its members' first letters: 兰白一体化, 呼包鄂乌一体化; not
        // 渝东北一体化)
        const bool short_hit = k >= 0 && ctx.hits[k].start == start && ctx.hits[k].end == head_start &&
                               (ctx.hits[k].blend ||
                                (ctx.hits[k].regions.size() == 1 && !ctx.MembersByInitials(ctx.hits[k]).empty()));
        if (n < 2 || n > 4 || (!short_hit && !PrefectureLetters(ctx, start, head_start))) continue;
      } else if (!ctx.HasRegionIn(from, head_start) &&
                 !(head_start - start >= 2 && head_start - start <= 4 && PrefectureLetters(ctx, start, head_start) &&
                   LettersStandAlone(ctx, start)) &&
                 !NumberedWorks(ctx, start, head_start) && !HomeLettersOpen(ctx, start, head_start) &&
                 !(h.body_part && BodyNamedBefore(ctx, start, head_start)) &&
                 !(h.phase_type == "Project"sv && NamedFeature(ctx, start, head_start))) {
        continue;  // (places' letters stand for the places: 深中通道)
      }
      // 持续深化…、龙江森工集团综合改革: the reform of a body named right before the head is that body's,
      // no programme of its own: the body is the name (an Organization or Institution head ends there).
      if (const auto inner = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), head_start), head_start);
          inner.length > 0 && head_start - inner.length > start) {
        const std::string& inner_type = ctx.lex.lex().heads[inner.value].type;
        if (inner_type == "Organization"sv || inner_type == "Institution"sv) continue;
      }
    }
    if (ctx.IsWholeRegion(start, name_end)) continue;  // 主城新区 is a region, not a platform
    // 《纲要(草案)》经大会审议, 经本次大会批准: the congress that approves, named by 经, is no event here.
    if (*type == "Event"sv && (ctx.t[head_start - 1] == U'经' ||
                             (head_start >= s + 3 && ctx.t[head_start - 3] == U'经' && ctx.t[head_start - 2] == U'本')))
      continue;
    // A campaign (…战) fought for a named thing is that thing's (打好“三北”工程攻坚战: the 三北工程 is the name).
    if (ctx.t[end - 1] == U'战' && ctx.ContainsHead(start, head_start)) continue;
    // A …工程 programme that names a built thing (尔王庄水库增容工程, 双堠水库主体工程) or a supply route
    // (陇电入浙工程) is a project.
    if (*type == "Plan"sv && head.length == 2 && ctx.t[head_start] == U'工' && ctx.t[head_start + 1] == U'程') {
      const schema::EntityType* project = ctx.lex.types.project;
      for (uint32_t p = start; project != nullptr && p + 4 <= head_start; ++p) {
        if (ctx.SupplyRouteAt(p)) {
          type = &project->name;
          break;
        }
      }
      // … or physical works: a works word (words.json works_words: 电网, 航道, 水资源 …), a segment
      // (吴淞江江苏段整治工程), a phase (淮河入海水道二期工程), a measured figure (500千伏) or a river
      // diversion (引洮济合工程, 引绰济辽工程).
      if (project != nullptr && *type == "Plan"sv && ctx.NamesWorks(start, head_start)) type = &project->name;
      for (uint32_t p = start + 2; p <= head_start && *type == "Plan"sv; ++p) {
        const Trie::Match inner = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p), p);
        if (inner.length == 0 || p - inner.length < start) continue;
        // (a one-letter head only right after its place: 日照港转型升级工程)
        if (inner.length == 1) {
          const int32_t place = p - 1 > s ? ctx.hit_at[p - 2 - s] : -1;
          if (!ctx.lex.lex().heads[inner.value].needs_place || place < 0 || ctx.hits[place].end != p - 1) continue;
        }
        // … or a named facility that has phases (天水机场“盖被子”工程, not 博物馆提质工程).
        const auto& inner_head = ctx.lex.lex().heads[inner.value];
        if (inner_head.type == "Project"sv ||
            (inner_head.phase_type == "Project"sv && ctx.HasRegionIn(start, p - inner.length))) {
          type = inner_head.type == "Project"sv ? &inner_head.type : &inner_head.phase_type;
          break;
        }
      }
    }
    // (not a stage after the head: 现代化改造; but a programme a plan verb opens keeps its wording:
    // 实施现代化美丽宜居小城镇建设行动)
    if (Evaluates(ctx, start, head_start) && !titled &&
        !(h.verb_named && PlanVerbRuns(ctx, start, first_candidate)))
      continue;
    // A lab's branch (国家重点实验室成都分中心) is a research body, not an agency's branch office.
    if (*type == "Organization"sv && head.length == 3 && ctx.t[head_start] == U'分' &&
        std::u32string_view(ctx.t.data() + start, head_start - start).find(U"实验室"sv) !=
            std::u32string_view::npos) {
      if (const schema::EntityType* institution = ctx.lex.types.institution)
        type = &institution->name;
    }
    // A lab's base or institute in a place (怀柔实验室新疆基地, 怀柔国家实验室内蒙古基地, 怀柔实验室山西
    // 研究院) is that lab's: a Lab.
    const std::u32string_view head_text(ctx.t.data() + head_start, head.length);
    // “齐鲁文艺高峰计划”项目遴选: the projects of a named programme are no name; the programme, with
    // a plan's head in 计划 right before 项目, quoted or named with a place (人才培养计划项目 stays a
    // class), is (its own candidate). (Not a works' or a scheme's head: 铝产业链一体化项目,
    // 氢氨谷源网荷储一体化项目 are projects.)
    if (head_text == U"项目"sv && head_start >= start + 4) {
      const uint32_t inner_end = IsCloseQuote(ctx.t[head_start - 1]) ? head_start - 1 : head_start;
      const auto inner = ctx.lex.heads_reversed.LongestEndingAt(
          std::u32string_view(ctx.t.data(), inner_end), inner_end);
      if (inner.length > 0 && inner_end - inner.length >= start + 2 &&
          !ctx.lex.head_is_weak[inner.value]) {
        const std::string& inner_type = ctx.lex.lex().heads[inner.value].type;
        const std::u32string_view inner_text(ctx.t.data() + inner_end - inner.length, inner.length);
        const bool marked =
            inner_end < head_start || !ctx.FindRegions(start, inner_end - inner.length).empty();
        if (inner_type == "Plan"sv && inner_text.ends_with(U"计划"sv) && marked) continue;
      }
    }
    if (*type != "Lab"sv && (head_text == U"基地"sv || head_text == U"研究院"sv)) {
      const int32_t place = ctx.hit_ending[head_start - s];
      const uint32_t place_start = place >= 0 ? ctx.hits[place].start : head_start;
      if (place >= 0 && place_start >= start + 3 &&
          std::u32string_view(ctx.t.data() + place_start - 3, 3) == U"实验室"sv) {
        if (const schema::EntityType* lab = ctx.lex.types.lab) type = &lab->name;
      }
    }
    // 开工建设临夏机场、平凉机场, 建成乐山机场: a facility being built is a project (a head's phase_type).
    // … and so is one listed among projects (推进定平铁路、武威机场等项目).
    // … and so is a new one (三亚新机场, 广州新机场: the new airport is being built).
    const bool new_one = head_start > start && ctx.t[head_start - 1] == U'新';
    const bool being_built =
        new_one || UnderConstruction(ctx, start) || ListedAsProjects(ctx, name_end) || BuiltAfter(ctx, name_end);
    if (!h.phase_type.empty() && *type != h.phase_type && being_built) type = &h.phase_type;
    // 中老铁路发展远超预期，累计发送旅客超6400万人次; 京津城际全天运能提升超50%: a route its clause describes
    // in operation (words.json operation_words after it) and no build word governs is the line that
    // runs, typed by the head's operating_type (Facility), not the works.
    if (!h.operating_type.empty() && !being_built && OperatingAfter(ctx, name_end)) {
      if (const schema::EntityType* operating = ctx.lex.schema().FindEntityType(h.operating_type)) type = &operating->name;
    }
    // 推进众擎机器人全球生产制造中心、仕佳光子通信芯片等项目建设: a centre, base or facility listed among
    // projects is one being built, a Project (not a host area: 新区, 示范区 stay platforms; nor a 平台, a
    // platform whatever is listed with it: 推进南繁硅谷重大科创平台等项目落地).
    if (h.phase_type.empty() && !h.host &&
        !std::u32string_view(ctx.t.data() + head_start, head.length).ends_with(U"平台"sv) &&
        (*type == "Institution"sv || *type == "Facility"sv || *type == "Platform"sv) &&
        ListedAsProjects(ctx, name_end))
      if (const schema::EntityType* project = ctx.lex.types.project) type = &project->name;
    Candidate c{start, name_end, head_start, type, site_reading ? "entity.known_site" : "entity.head", false, h.host};
    c.prefix_start = prefix_start, c.prefix_end = prefix_end;
    // A category, not a name: generic words only (国家高新区), a count of the head (三中心一走廊),
    // or a one-character modifier (中医院).
    // … but 南三高速 (南江–三台) and 宁九高速公路 (南京–九江) abbreviate two places (a head that takes
    // abbreviations, or a route's of words.json letter_blend_route_endings).
    // (A numeral before 期工程 is the phase's: 淮河入海水道二期工程.)
    bool counted =
        U"一二三四五六七八九十两双多"sv.find(ctx.t[head_start - 1]) != std::u32string_view::npos &&
        ctx.t[head_start] != U'期' && ctx.t[head_start - 2] != U'第' &&  // (第三通道: an ordinal)
        !((ctx.lex.head_takes_abbreviation[head.value] || ctx.lex.head_ends_route[head.value]) &&
          head_start - start == 2 && ctx.PlaceLettersIn(start, head_start));
    // An event of four generic letters or more (旅游发展大会, 养老产业博览会) is still one event, and so
    // is one of the world (世界运动会).
    // So is one the world holds in a city's report (国际电影节, 国际艺术节 in Shanghai's: a festival of three
    // letters or more after 国际 alone is the city's own, named with it: 上海国际电影节, the bare name an
    // alias that never merges another city's). Not in a province's report: a city of it may hold it.
    const auto city_report = [&] {
      if (ctx.out.document_region < 0) return false;
      const schema::Region& issuer = ctx.lex.region(ctx.out.document_region);
      return schema::IsMunicipalityOrSar(issuer) || schema::IsPrefectureLevel(issuer.level);
    };
    const bool international_festival = *type == "Event"sv && head_start - start == 2 && head.length >= 3 &&
                                        ctx.t[start] == U'国' && ctx.t[start + 1] == U'际' && city_report();
    const bool named_event = *type == "Event"sv && (head_start - start >= 4 || international_festival ||
                                                    (head_start - start >= 2 && ctx.t[start] == U'世' &&
                                                     ctx.t[start + 1] == U'界'));
    // A campaign of six generic letters or more (科技成果产业化突破年行动, 人工智能赋能新型工业化行动)
    // is one campaign, named by all it says (not the category after 等: below).
    // So is a programme of four generic letters or more that a plan verb runs (实施产业创新工程,
    // 深化实施企业上市升级工程, or the last of a list it runs: the report's own programme, not a kind
    // of one).
    // … and so is a plan (计划) of six or more (实施未来产业孵化加速计划), or any other plan of six or
    // more (落实人工智能创新发展实施方案; 重点人才计划 stays a kind).
    const bool run_programme = *type == "Plan"sv && start > s &&
                               ((head.length == 2 && ctx.t[head_start] == U'工' && head_start - start >= 4) ||
                                head_start - start >= 6) &&
                               PlanVerbRuns(ctx, start, first_candidate);
    const bool named_programme = (*type == "Initiative"sv && head_start - start >= 6) || run_programme;
    // A national designation of five generic letters or more after 国家 (国家新能源综合示范区,
    // 国家农业绿色发展先行区, 国家现代煤化工基地; a fund: 国家创业投资引导基金) is that one designation;
    // not 国家级经济技术开发区.
    uint32_t after_nation = 0;
    if (head_start - start >= 7 && ctx.t[start] == U'国' && ctx.t[start + 1] == U'家')
      after_nation = ctx.t[start + 2] == U'级' ? start + 3 : start + 2;
    // Not a label things are chosen for (入选国家先进制造业集群: words.json selection_verbs) or a cluster.
    const bool named_designation =
        after_nation > 0 && head_start - after_nation >= 5 && (*type == "Platform"sv || *type == "Organization"sv) &&
        ctx.t[name_end - 1] != U'群' &&
        ctx.lex.selection_verbs_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), start), start).length == 0;
    // A service number (12345热线, 12355青少年服务台) names its service.
    uint32_t digits_end = start;
    while (digits_end < head_start && IsDigit(ctx.t[digits_end])) ++digits_end;
    const bool service_number = IsServiceNumber(ctx.t, start, digits_end);
    c.generic = (ctx.IsGenericModifier(start, head_start) && !named_event && !named_programme && !named_designation &&
                 !service_number) ||
                counted ||
                (head_start - start < 2 && prefix_end == prefix_start && !ctx.IsWholeRegion(start, head_start) &&
                 !h.short_name);
    if (international_festival && !c.generic) c.own_region = ctx.out.document_region;
    // 省低空运行管理服务平台: the report's province, written 省 before a long or specific modifier,
    // marks a weak head (not 省重点平台 or 省科技攻坚项目, classes); the 省 may have been left out of
    // the name as a grade word, and belongs to it.
    // So does it an institution, organization or lab of generic words (省氢能产业研究院, 省工业技术研究院,
    // 省现代农业实验室: the province's one body, not a class; not 省重点实验室, too short).
    bool province_marked = false;
    const bool single_body =
        c.generic && !counted && (*type == "Institution"sv || *type == "Organization"sv || *type == "Lab"sv);
    if ((weak && head.length == 2 && ctx.t[head_start] != U'项') || single_body) {
      const uint32_t mark = ctx.t[start] == U'省' ? start
                            : start > s && ctx.t[start - 1] == U'省' && (start - 1 == s || ctx.hit_at[start - 2 - s] < 0)
                                ? start - 1
                                : kRejected;
      // (A group, 集团, is the province's own after two letters: 省外贸集团, 省能源集团.)
      const uint32_t min_mark_length = single_body && head_text == U"集团"sv ? 3 : 5;
      if (mark != kRejected && ctx.t[mark + 1] != U'级' && head_start - mark >= min_mark_length &&
          (single_body || head_start - mark >= 8 || !ctx.IsGenericModifier(mark + 1, head_start))) {
        province_marked = true;
        c.generic = false;
        c.start = start = mark;
      }
    }
    // … and a group of a trade (two to four letters) listed with others (完成能源集团、大数据集团…战略性
    // 重组; 西部矿业、能源发展集团等) is one firm (not 紧密型城市医疗集团, a kind).
    if (single_body && c.generic && head_text == U"集团"sv && head_start - start >= 2 &&
        head_start - start <= 4 &&
        ((start > s && ctx.t[start - 1] == U'、') || (name_end < e && ctx.t[name_end] == U'、')))
      c.generic = false;
    // A weak head (项目, 平台) names a thing only after a mark of its own: a place, a quoted part, a
    // code (民间投资项目, 开放平台 are categories; 湘南湘西承接产业转移平台 is a name).
    if (!c.generic && weak) {
      bool marked = HasOwnMark(ctx, start, head_start, !counted_quote, true);
      // (… or a named landform: 马鬃山口岸.)
      marked = marked || province_marked || NamedFeature(ctx, start, head_start);
      // 羊山大道至母瑞山公路: a route between two named ends is named by them.
      if (!marked && !h.phase_type.empty()) {
        for (uint32_t p = start + 2; p + 2 < head_start && !marked; ++p) marked = IsRouteJoiner(ctx.t[p]);
      }
      // 上浦高速 (上饶–浦城): a two-character abbreviation marks an abbreviation head (words.json
      // abbreviation_heads), unless it is a category (省际高速).
      // Three or four letters mark it when each can abbreviate a place (垫丰武高速: 垫江, 丰都, 武隆).
      marked = marked || (ctx.lex.head_takes_abbreviation[head.value] &&
                          (head_start - start == 2 || (head_start - start <= 4 && ctx.PlaceLettersIn(start, head_start))) &&
                          !ctx.IsGenericModifier(start, head_start));
      // 国家多层次医疗保障清分结算平台, 检查检验结果共享互认信息平台: a platform described at length
      // (eight letters or more) is that one platform; not a class of them (社会保险公共服务平台,
      // 地方政府融资平台: words.json platform_class_endings), nor a graded or evaluated one
      // (自治区级农牧特色产品展销平台; evaluative_words).
      const std::u32string_view described(ctx.t.data() + start, head_start - start);
      marked = marked ||
               (head_text == U"平台"sv && head_start - start >= kLongPlatformName &&
                ctx.lex.platform_class_endings_reversed
                        .LongestEndingAt(std::u32string_view(ctx.t.data(), head_start), head_start)
                        .length == 0 &&
                described.find(U'级') == std::u32string_view::npos &&
                !ctx.ContainsWord(ctx.lex.evaluative_words, start, head_start));
      // 吉化乙烯项目投产, 推动智联电动车项目投产, 第三条入津特高压项目开工: a project at a milestone of
      // its construction (words.json milestone_words right after the name) is that one project when
      // its modifier, four letters or more, says what it makes (no generic words alone, no verb).
      if (!marked && head_text == U"项目"sv && head_start - start >= 4 && name_end < e &&
          ctx.lex.milestone_words.LongestAt(std::u32string_view(ctx.t.data(), e), name_end).length >
              0 &&
          !ctx.IsGenericModifier(start, head_start) && !ctx.IsGenericModifier(start, start + 2) &&
          !ctx.IsGenericModifier(start, start + 3) && !ctx.ContainsHead(start, head_start) &&
          ctx.t[start] != U'全' && !ctx.ContainsWord(ctx.lex.boundary_words, start, head_start) &&
          !ctx.ContainsWord(ctx.lex.grade_words, start, head_start) &&
          !ctx.ContainsWord(ctx.lex.evaluative_words, start, head_start)) {
        // (… and the name opens the clause or follows a verb: not the tail of a rate, 20亿立方米/年煤制…)
        uint32_t verb = 0;
        marked = start == s || IsNameBreak(ctx.t[start - 1]) || ctx.BoundaryEndsAt(start, s, &verb);
      }
      // 科教强省战略, 文化强区战略, 旅游兴疆战略: a strategy that makes the province (or region, city)
      // strong, or makes its letter prosper, is the province's own.
      if (!marked && head_text == U"战略"sv && head_start - start >= 4) {
        const char32_t verb = ctx.t[head_start - 2], object = ctx.t[head_start - 1];
        marked = (verb == U'强' && U"省区市"sv.find(object) != std::u32string_view::npos) ||
                 (verb == U'兴' && ctx.ProvinceOfLetter(object) >= 0);
      }
      c.generic = !marked;
      // 庆阳数据中心集群重点项目: the graded projects of a named thing are no name; the thing, with a head
      // of its own right before the grade (words.json grade_words), is (its own candidate).
      bool graded_class = false;
      for (uint32_t q = start + 2; !c.generic && !graded_class && q + 1 < head_start; ++q) {
        if (ctx.lex.grade_words.LongestAt(std::u32string_view(ctx.t.data(), head_start), q).length != head_start - q) continue;
        const auto inner = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), q), q);
        graded_class = inner.length > 0 && q - inner.length > start && !ctx.lex.head_is_weak[inner.value];
        if (!graded_class) break;  // (one grade word ends at the head)
      }
      if (graded_class) continue;
    }
    if ((nickname && !counted_quote) || titled) c.generic = false;
    if (province_venue) c.generic = false;
    if (h.whole_name && (start == head_start || (h.site && !site_reading))) c.generic = false;
    // Counted or plural: 10个绿电产业园, 一批…, 196个“两重”项目 name a class; so does the category
    // that closes a list after 等 (深中通道、黄茅海通道等互联互通工程).
    if (!c.generic && ctx.IsCountedClass(start, name_end)) c.generic = true;
    // A formula joining a sector to the head (“跨境电商+产业带”) names a kind of thing.
    if (!c.generic && head_start > start && ctx.t[head_start - 1] == U'+') c.generic = true;
    if (!c.generic && start > s && ctx.t[start - 1] == U'等' && !named_event) c.generic = true;
    // A count of digits and a counter opening the name (19组集团层面…) is a class.
    if (!c.generic && IsDigit(ctx.t[start])) {
      uint32_t q = start;
      while (q < head_start && IsDigit(ctx.t[q])) ++q;
      if (q < head_start && (ctx.lex.counters.LongestAt(std::u32string_view(ctx.t.data(), head_start), q).length > 0 ||
                             ctx.t[q] == U'组'))
        c.generic = true;
    }
    // … and a count of kinds inside a platform's or body's name (合成材料三大优势集群, 五大区域疾控中心;
    // a programme or event keeps its count: 碳达峰十大行动, 全国青少年三大球运动会).
    const bool site_type = *type == "Platform"sv || *type == "Institution"sv;
    // (… and a counter after the numeral: 西山永定河三条文化带 counts belts, 三座枢纽.)
    for (uint32_t k = start; site_type && k + 1 < head_start && !c.generic; ++k) {
      if (U"二两三四五六七八九十"sv.find(ctx.t[k]) != std::u32string_view::npos &&
          ctx.hit_at[k + 1 - s] < 0 && ctx.KindCountLength(k, head_start) > 0)
        c.generic = true;
    }
    // A kind word (类) near the start sorts a class: 理工类中外合作大学, 专业类省级概念验证中心.
    for (uint32_t k = start + 1; k < start + 4 && k < head_start && !c.generic; ++k) {
      if (ctx.t[k] == U'类' && ctx.hit_at[k - s] < 0) c.generic = true;
    }
    // A superlative in the modifier ranks one thing and names none (全球最大己二酸生产基地,
    // 港股最大IPO项目, 省内单体最大火电基地: words.json superlatives); not in quotes (“最美公路”)
    // nor for a head that names one thing alone.
    if (!c.generic && !h.whole_name &&
        std::none_of(ctx.t.begin() + start, ctx.t.begin() + head_start,
                     [](char32_t ch) { return IsOpenQuote(ch); }) &&
        ctx.ContainsWord(ctx.lex.superlatives, start, head_start))
      c.generic = true;
    // Two classes of things, not names: 一批基础学科研究中心和学科交叉中心 (a conjunct right after a
    // counted class), 国家级省级质检中心和计量中心 (a grade word before a two-character modifier).
    // Either needs a modifier without a mark of its own (a place, quote, code).
    if (!c.generic) {
      bool marked = HasOwnMark(ctx, start, head_start, true, false);
      // 宁洛高速公路: two letters before an abbreviation head are places (words.json abbreviation_heads).
      marked = marked || ctx.lex.head_takes_abbreviation[head.value];
      const bool short_modifier = head_start - start <= 2 && !ctx.IsWholeRegion(start, head_start);
      uint32_t grade_length = 0;
      if (!marked && short_modifier && ctx.BoundaryEndsAt(start, s, &grade_length) &&
          ctx.IsGenericModifier(start - grade_length, start)) {
        c.generic = true;
      }
      if (!marked && start > s + 1 &&
          U"和、及与"sv.find(ctx.t[start - 1]) != std::u32string_view::npos) {
        for (const Candidate& prev : ctx.candidates) {
          if (prev.end != start - 1 || !prev.generic) continue;
          bool plural = false;
          const uint32_t graded = ctx.ClassWordsStart(prev.start, &plural);
          if (plural || (short_modifier && graded < prev.start)) c.generic = true;
        }
      }
    }
    // A head that names one thing alone (冬残奥会) stays that thing after a verb's modifier
    // (办好刚刚开幕的冬残奥会).
    if (h.whole_name && start == head_start && !ctx.IsCountedClass(start, name_end)) c.generic = false;
    // “十四五”规划, “十五五”规划 in a province's report: the plan of a period names no one plan there
    // (the country's or the province's; provincial golds count it as no entity), and would join every
    // province's into one node; its full title (…第十五个五年规划纲要) is one. The country's report
    // has one plan of the period: there it stays.
    if (head_text == U"规划"sv && IsFiveYearPeriod(ctx.t, start, head_start) &&
        ctx.out.document_region >= 0 &&
        ctx.lex.region(ctx.out.document_region).level != "country"sv)
      c.generic = true;
    // 实施自贸试验区提升战略 in Tianjin's report: a designation a province holds one of (words.json
    // own_designations), written bare in a province's report, is that province's own, named with it
    // (天津自贸试验区; never merged with another province's by the bare name).
    if (c.generic && ctx.out.document_region >= 0 && (start == s || !IsDigit(ctx.t[start - 1])) &&
        ctx.lex.own_designations.LongestAt(std::u32string_view(ctx.t.data(), name_end), start).length ==
            name_end - start) {
      if (const int32_t province = ctx.lex.gazetteer.province(ctx.out.document_region); province >= 0) {
        c.generic = false;
        c.own_region = province;
      }
    }
    // 加快雄忻、石雄铁路项目建设: a weak head after the name of works of its own (石雄铁路, a Project
    // read at its own head) adds no class around it; the works stand. (Not a programme's name:
    // 十大为民办实事工程项目 is the projects of the programme, 人才培养计划项目 a class.)
    if (c.generic && weak &&
        std::any_of(ctx.candidates.begin() + first_candidate, ctx.candidates.end(), [&](const Candidate& inner) {
          return !inner.generic && inner.end == head_start && inner.start == c.start && *inner.type == "Project"sv;
        }))
      continue;
    ctx.candidates.push_back(c);
  }
  // A description is no name of its own (西部陆海新通道西线主通道重点工程 before 隆泸叙铁路).
  if (!descriptions.empty()) {
    auto described = [&](const Candidate& c) {
      return std::any_of(descriptions.begin(), descriptions.end(),
                         [&](const auto& d) { return c.end == d.second && c.start >= d.first; });
    };
    ctx.candidates.erase(std::remove_if(ctx.candidates.begin() + first_candidate, ctx.candidates.end(), described),
                         ctx.candidates.end());
  }
}

}  // namespace policykg::extract::rules
