// Extraction lexicons as loaded from the schema directory. All strings are UTF-8 as written in
// the files; the extract stage compiles them into tries over normalized code points.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace policykg::schema {

// A region of the gazetteer (a division, a province, or a group such as 主城都市区).
struct Region {
  std::string name;                 // canonical short name used for the node, e.g. "万州"
  std::string full_name;            // official name, e.g. "万州区"
  std::string code;                 // division code when known
  std::string level;                // "province", "prefecture", "district", "county", "group", …
  std::vector<std::string> aliases;  // other names that match in text, e.g. "重庆市"
  // Short forms (万州 for 万州区, 恩施 for 恩施土家族苗族自治州): read only where the context allows (see
  // extract/region_context.h); several regions may share one (朝阳). The name is one of them when
  // it is listed here; otherwise it is read like an alias.
  std::vector<std::string> short_forms;
  // Short forms that are ordinary words (互助, 共和, 东方): read only in a list of the report's own
  // province in which some item is a place of it written plainly, or at an end of a route whose other
  // end is a region (extract/region_context.h); never alone, after the parent or before a head.
  std::vector<std::string> context_forms;
  std::vector<std::string> parents;  // canonical names of containing regions/groups
  std::vector<std::string> members;  // a group's members: the loader adds the group to their parents
  // A group's members that lie only partly inside it (关中平原城市群: 运城): known regions, counted
  // for the provinces the group touches, but not made part of it (their counties would all read as
  // inside).
  std::vector<std::string> partial_members;
  std::string source;                // a group's source (the plan or decision that defines it)
  std::map<std::string, std::string> attributes;  // e.g. zone=主城新区
  bool ambiguous = false;  // short name is a common word: match only the full name/aliases
  std::string context;     // when set, matched only in reports of this region (中心城区 → 重庆)
};

// True when a division code lies in Beijing, Tianjin, Shanghai or Chongqing (11, 12, 31, 50): a
// municipality, whose districts stand where a province's counties do.
inline bool InMunicipality(std::string_view code) {
  return code.starts_with("11") || code.starts_with("12") || code.starts_with("31") || code.starts_with("50");
}

// True for the levels of a prefecture-level division: 地级市, 地区, 自治州, 盟.
inline bool IsPrefectureLevel(std::string_view level) {
  return level == "prefecture" || level == "area" || level == "autonomous_prefecture" || level == "league";
}

// True for the levels of a county-level division: 县, 县级市, 市辖区, 自治县, 旗, 自治旗, 特区, 林区.
inline bool IsCountyLevel(std::string_view level) {
  return level == "county" || level == "county_city" || level == "district" || level == "autonomous_county" ||
         level == "banner" || level == "autonomous_banner" || level == "special_district" || level == "forest_district";
}

// Hong Kong or Macao (codes 81, 82).
inline bool IsSar(const Region& r) { return r.level == "province" && (r.code == "81" || r.code == "82"); }

// A municipality or a special administrative region (京, 沪, 港, 澳 read as themselves).
inline bool IsMunicipalityOrSar(const Region& r) {
  return r.level == "province" && r.code.size() == 2 && (InMunicipality(r.code) || IsSar(r));
}

// A prefecture-level division, or a municipality or SAR, which ranks with them.
inline bool RanksAsPrefecture(const Region& r) { return IsPrefectureLevel(r.level) || IsMunicipalityOrSar(r); }

// A single-character (or short) abbreviation used inside blends such as 川渝 or 万达开.
struct Abbreviation {
  std::string text;         // e.g. "渝"
  std::string region;       // canonical region name, e.g. "重庆"
  std::string tier;  // "province" or "city": blends are runs of one tier; "nickname": read only as a
                     // city letter (gazetteer.city_letters: 通 → 南通 in 通苏嘉甬高铁)
  bool standalone_blend = true;  // may start a blend found by composition (not only listed)
};

// A fixed blend: text → regions (e.g. 成渝绵 → 成都, 重庆, 绵阳).
struct Blend {
  std::string text;
  std::vector<std::string> regions;
};

// A name head (suffix) that makes a span a candidate entity of `type`.
struct Head {
  std::string text;  // e.g. "实验室"
  std::string type;  // e.g. "Lab"
  bool host = false;  // an area (科学城, 新区): sites listed after "建设 <it>" are located in it
  std::string phase_type;  // the type of one phase of it (机场二期 → Project); empty: the head's type
  bool short_name = false;  // abbreviated (博会): one character before it makes a name (南博会)
  bool needs_place = false;  // names a thing only with a place in the name (宁波舟山港, 义乌…综合改革)
  int place_within = -1;     // with needs_place: at most this many characters between place and head
  bool whole_name = false;   // the head alone names one thing (西博会, 科博会)
  bool verb_named = false;   // a plan_name_verbs verb right before it is part of the name (提升计划)
  bool place_letters = false;  // with needs_place: two to four place letters are a place (深中一体化)
  bool needs_quote = false;    // names a thing only with a quoted nickname in the name (“两不一欠”专项整治)
  bool site = false;           // a site of gazetteer/sites.json (its mentions say entity.known_site)
  bool body_part = false;      // with needs_place: a part of a body (院区); the body's name stands for the place
  std::string operating_type;  // the type of the thing in operation (铁路 → Facility); empty: none
};

// A known site (gazetteer/sites.json): a heritage site or scenic area reports name without a head
// (三星堆, 三苏祠); read as a whole-name head of its type, and located in `region`.
struct Site {
  std::string name;
  std::string type;    // an entity type, e.g. "Facility"
  std::string region;  // canonical region name
  std::vector<std::string> aliases;
};

// A named route written by its ends' letters (gazetteer/routes.json): 胶新铁路 is 胶州–新沂.
struct Route {
  std::string letters;
  std::vector<std::string> endings;  // the route kinds that may follow the letters (铁路, 高铁 …)
  std::vector<std::string> ends;     // canonical region names, in the letters' order
};

// A category noun after an enumeration (… 等 <cue>) typing the listed items, e.g. 品牌 → Brand.
struct Cue {
  std::string text;
  std::string type;
  bool quoted_only = false;  // types only quoted items (“川渝通办”事项)
  bool named_with_cue = false;  // a quoted item right before it is named with it (“人工智能+”行动)
  // types only unquoted items without digits (曙光、海光、中芯国际等头部企业; not “小巨人”企业, labels)
  bool unquoted_only = false;
  // (with unquoted_only) items of two letters are names too, never sectors (华润、国投等央企)
  bool short_items = false;
};

// A standard abbreviation inside names and its expansion (高新区 → 高新技术产业开发区).
struct NameExpansion {
  std::string abbreviation;
  std::string expansion;
};

struct Lexicons {
  std::vector<Region> regions;
  std::vector<Abbreviation> abbreviations;
  std::vector<Blend> blends;
  std::vector<Head> heads;
  std::vector<Cue> cues;
  std::vector<Site> sites;
  std::vector<Route> routes;
  std::vector<NameExpansion> name_expansions;
  // Word lists, by role (see schema/lexicon/words.json):
  std::vector<std::string> boilerplate;        // a line containing one of these is not report text
  std::vector<std::string> boundary_words;     // verbs etc. that end a name on its left
  std::vector<std::string> boundary_exceptions;  // words holding a one-character boundary (高等)
  std::vector<std::string> soft_boundaries;    // 和/与/及: may sit inside a name
  std::vector<std::string> generic_modifiers;  // a name made only of these + head is generic
  std::vector<std::string> evaluative_words;   // a name containing these is a description
  std::vector<std::string> head_continuations;  // after a head they make another word (工程师)
  std::vector<std::string> cooperation_cues;   // 合作, 协同, 同城化 …
  std::vector<std::string>
      link_words;  // 连通, 融合: a name of a link holds both conjuncts of 与/和
  std::vector<std::string> partner_verbs;      // 联动, 携手 … X: the report's region works with X
  std::vector<std::string> develop_verbs;      // 建设, 创建 … after a region: it develops
  std::vector<std::string> host_verbs;         // 建设 … leading a sentence: what follows is inside
  // 落实, 出台 … X: plan verbs (also listed in plan_verbs) that govern only programmes and documents
  // (Plan, Initiative): 落实中国—中亚峰会成果 develops no summit.
  std::vector<std::string> programme_verbs;
  // 落地, 召开, 成立 … after 在 and a one-letter place (在川落地, 在宁召开): the subject is there
  std::vector<std::string> site_letter_verbs;
  // 带动, 改变 … right after a build word: the work is finished and the clause says what it brought about
  std::vector<std::string> consequence_verbs;
  // 重点, 核心 … between 等 and a platform's head: a grade of the class (…、陆家嘴等重点商圈 → 陆家嘴商圈)
  std::vector<std::string> grade_words;
  std::vector<std::string> landing_verbs;      // 落地, 落户 closing a clause: the subject lands in the report's region
  std::vector<std::string> plan_verbs;         // 建设, 实施, 办好 … X: the report's government builds X
  // 提升 … X in the plan part: the government upgrades X, its own (develops.implicit only; inside a
  // name, 长株潭一体化提升战略, such a verb is part of it, unlike a plan verb).
  std::vector<std::string> upgrade_verbs;
  std::vector<std::string> achievement_verbs;  // 获批, 开通, 挂牌 … X in the look-back part: it built X
  std::vector<std::string> construction_verbs;  // 开工建设, 建成 … X: X is being built (a Project)
  std::vector<std::string> weak_outcomes;      // 纳入国家规划 … after X: the plan only seeks X, builds nothing
  std::vector<std::string> build_suffixes;     // X建设, X提档升级 …: X is being built
  std::vector<std::string> build_progress;     // X建设扎实推进, X建设取得积极成果: how the building goes
  std::vector<std::string> lead_roles;         // 以X建设为牵引: the role a building plays in the plan
  std::vector<std::string> opposed_verbs;      // 坚决遏制“台独”分裂活动: what a report opposes is no programme of it
  std::vector<std::string> count_verbs;        // 中欧班列开行3005列: a verb between a metric and the count it reached
  std::vector<std::string> operation_words;    // 发送旅客, 运能: a route so described is in operation (operating_type)
  std::vector<std::string> milestone_words;    // X项目投产, X项目开工: a milestone of one project's construction
  std::vector<std::string> founding_verbs;     // 组建, 设立, 成立 …: the verbs by which a region develops an organization
  std::vector<std::string> build_adverbs;      // 加快, 获批, 顺利 … before a build word (X获批建设, X顺利完成)
  std::vector<std::string> weak_heads;         // 项目, 平台: a name needs a place, quote or code before them
  std::vector<std::string> abbreviation_heads;  // weak heads a two-character abbreviation also marks (上浦高速)
  // Name endings after which a run of city initials is a blend of cities (石衡沧城际铁路, 深哈产业园).
  std::vector<std::string> letter_blend_endings;
  // Joint endings after which a run of city letters standing alone is a blend (芜马同城化, 杭甬双城记).
  std::vector<std::string> letter_blend_clause_endings;
  // The shared tail of a 分别 list of metrics (产量 in 原煤、原油、天然气产量; 居民人均可支配收入).
  std::vector<std::string> metric_tails;
  // Metrics that are a ratio of two amounts, stated as a bare number (城乡居民收入比降至2.2: 2.2∶1).
  std::vector<std::string> ratio_metrics;
  // Designations a province holds one of (自贸试验区): written bare in a province's report, the
  // province's own, named with it (天津自贸试验区).
  std::vector<std::string> own_designations;
  // What a long unmarked 平台's description ends with when it names a class of platforms
  // (社会保险公共服务平台, 地方政府融资平台).
  std::vector<std::string> platform_class_endings;
  // 551万农村贫困人口: a noun ending so counts people when a bare 万/亿 comes before it (unit 人).
  std::vector<std::string> people_nouns;
  // 惠及, 覆盖 … before a count of people: the benefit named before the verb is what is counted
  // (高龄津贴惠及130万老年人).
  std::vector<std::string> benefit_verbs;
  // 依托, 借助 … before a name: the name is the means a verb after it builds with, not its subject
  // (依托…结算系统打造全国碳市场中心).
  std::vector<std::string> means_words;
  // Words after a quoted name's cue that leave the cue its category (“龙江绿碳”品牌效应, …品牌作用).
  std::vector<std::string> cue_tails;
  // 最大, 最长 … inside a name's modifier: the words rank one thing, naming none
  // (全球最大己二酸生产基地).
  std::vector<std::string> superlatives;
  // Verbs besides plan_verbs whose quoted object is a programme (优化“微网实格”, 推广“浙里办”).
  std::vector<std::string> quoted_object_verbs;
  std::vector<std::string> metric_verbs;  // verbs that stay in a target's name (续建安置房7550套)
  // 入选, 获评 … after a counted class word (12家单位入选…中试平台): what they were chosen as is counted.
  std::vector<std::string> selection_verbs;
  std::vector<std::string> selection_openers;  // 首批 … before what was chosen: no part of the metric
  std::vector<std::string> letter_blend_stop_words;  // words that only look like city letters (沿江)
  // letters that abbreviate a platform, not a region (雄 → 雄安新区): a blend letter reading no place
  std::vector<std::string> platform_letters;
  // Endings of roads, railways, bridges: read inside a name too (集通铁路动车改造工程)
  std::vector<std::string> letter_blend_route_endings;
  // Words after the second end of a route named "A至B" (铁路, 公路, 段): what makes A and B places
  std::vector<std::string> route_end_heads;
  // Endings of a route's end that name a site, not a place (大道, 机场, 站): no place is read
  std::vector<std::string> route_end_sites;
  // Words that make a town's name after its county a class of towns (城关, 重点, 特色): entity.town
  std::vector<std::string> town_stop_words;
  // Verbs that belong to a plan's name right before its head (冰雪旅游提升计划, 景区建设工程)
  std::vector<std::string> plan_name_verbs;
  // Verbs that make a plan (出台, 制定, 印发): what stands between one and a plan's head is its title
  std::vector<std::string> title_verbs;
  // Words after which such a verb opens no title (新一轮, 进一步, 我省, 了)
  std::vector<std::string> title_skip_words;
  // Size words a shared head phrase may open (等14座大中型水电站): not part of each item's name
  std::vector<std::string> size_words;
  // "文化旅游=文旅": a name written with the left form is the name written with the right one (one
  // node, merged by alias.name_variant). Each entry is "variant=canonical", both sides non-empty.
  std::vector<std::string> name_variants;
  // 5A级旅游景区, 世界灌溉工程遗产, 申遗: a designation the sites listed before it are put up for or
  // given (entity.designated_site), and the verbs between them (创建, 入选, 晋升为 …).
  std::vector<std::string> site_designations;
  // 沙漠, 沙地: a named landform inside a name marks it as a place would (塔克拉玛干沙漠边缘阻击战).
  std::vector<std::string> landform_marks;
  std::vector<std::string> site_designation_verbs;
  std::vector<std::string> cluster_heads;              // 集群: closes a cluster designation
  std::vector<std::string> cluster_designation_verbs;  // 入选, 获评, 成为 …: before a cluster designation
  std::vector<std::string> brand_products;  // 榨菜 in 涪陵榨菜: a place's product, a Brand
  // Theme words before the report's own region that name its programme (数字重庆, 健康四川)
  std::vector<std::string> region_theme_words;
  // Words of physical works inside a …工程 name that make it a Project (电网, 航道, 水资源 …)
  std::vector<std::string> works_words;
  // League words after province letters in quotes (“苏超”, “浙BA”): a provincial sports league
  std::vector<std::string> league_suffixes;
  // Quoted labels opening with the report's region (entity.quoted_region_label): words that make
  // one an Initiative (出海 in “渝企出海”), and words that make it no name (字号 in “川字号”).
  std::vector<std::string> quoted_label_initiative_words;
  std::vector<std::string> quoted_label_stop_words;
  std::vector<std::string> quoted_label_platform_endings;  // 办 in “渝快办”: an online service, a Platform
  std::vector<std::string> quoted_label_closing_verbs;     // 入 in “引客入川”: a campaign toward the place
  // 园 in 中马“两国双园”: a blend's quoted label ending so is a Platform (entity.blend_label).
  std::vector<std::string> blend_label_site_endings;
  std::vector<std::string> blend_label_role_endings;  // 核 in 川渝“双核”: a role, no thing
  std::vector<std::string> cluster_nouns;  // 城市群, 都市圈: a group named so develops as one
  std::vector<std::string> firm_name_endings;  // 科技 in 千里科技“AI+车”战略: a firm's, not the report's
  std::vector<std::string> support_verbs;  // 支持 in 支持合肥机场提升…: the object does the next verb
  // Metrics that need their subject (产值, 产业规模): opening a sentence, the industry the sentence
  // before opens with measures them (target).
  std::vector<std::string> bare_metrics;
  // Class nouns after a list of partners (黄河流域省份, 东北亚国家: cooperates_with.report_region).
  std::vector<std::string> partner_class_nouns;
  // A total named alone (总量达2037.7万户): the clause's previous metric is what it totals (target).
  std::vector<std::string> total_words;
  // a programme named by its count (20件民生实事, 10大类55项民生实事): entity.counted_programme
  std::vector<std::string> counted_programmes;
  // 支持荆州申建保税物流中心: a build verb (申建, 打造 …) after a region subject, and the words that make
  // the built thing's name national or wider (国家, 全国 …: kept as written): entity.subject_site.
  std::vector<std::string> subject_site_verbs;
  std::vector<std::string> national_scope_words;
  std::vector<std::string> share_words;  // 占比 named alone after a value: the share of the previous metric
  // 筹措890.59亿元实施…工程: a funding verb before an amount (筹措, 安排 …) and a link after it (实施,
  // 用于 …) make the amount a target of what the link introduces (target).
  std::vector<std::string> funding_verbs;
  std::vector<std::string> funded_links;
  std::vector<std::string> plural_cues;        // 一批, 各类 … X: X is a class of things, not one
  std::vector<std::string> stage_suffixes;     // 改扩建, 迁建 … after a project's or facility's head: part of its name
  std::vector<std::string> companion_events;   // 冬残奥会, 亚残运会 …: held by the host of the games listed before them
  std::vector<std::string> target_comparators;  // 达到, 突破, 提高到 …
  std::vector<std::string> rate_comparators;    // 提升 …: comparators before a rate only (提升1个百分点)
  std::vector<std::string> increment_comparators;  // 新增 …: comparators before an amount no noun follows
  std::vector<std::string> target_qualifiers;   // 左右, 以上 …
  std::vector<std::string> metric_fillers;      // 年均, 同比 …: not the measured thing, cut from a metric's ends
  std::vector<std::string> metric_end_adverbs;  // 再, 继续 …: cut from a metric's end only (not 再生资源)
  std::vector<std::string> uncounted_nouns;     // 方面, 举措 …: N个 of these is a policy's shape, not a target
  std::vector<std::string> counted_metrics;     // 改革任务: counted although an uncounted noun ends it
  // 跨越, 迈上: before a count of things they count thresholds crossed (跨越3个千亿元台阶), not a value.
  std::vector<std::string> threshold_comparators;
  // Comparators that only bound a count opening its clause (吸纳超100万名高校毕业生: 超).
  std::vector<std::string> approximate_comparators;
  std::vector<std::string> units;               // 家, 个, %, 亿元 …
  std::vector<std::string> counters;            // classifiers for "N个 X" targets: 个, 家, 项 …
  std::vector<std::string> count_words;         // one character counting after a numeral in a name: 届, 项, 大 (十大工程)
  std::vector<std::string> review_headings;     // headings of the look-back part of a report
  std::vector<std::string> region_collisions;   // words a region name overlaps by accident (投资 in 投资阳)
  std::vector<std::string> region_heads;        // words after a county's short form that confirm it (经开区)
  // 山, 湖, 江, 运河, 国家公园: after a division's short form they name a landform called after it
  // (吕梁山, 多伦湖, 黄浦江, 平陆运河, 武夷山国家公园): no mention of the division.
  std::vector<std::string> landform_suffixes;
  // Words that open with such a suffix and keep the place (吕梁山区, 桂林山水, 山海协作, 南通江海联运).
  std::vector<std::string> landform_suffix_exceptions;
  // In a report's first lines: the national government issued it (全国人民代表大会, 国务院总理); its
  // region is the country (中国).
  std::vector<std::string> national_issuer_cues;
  std::vector<std::string> issuer_cues;         // after a region in a report's first lines: it issued the report (省长)
};

}  // namespace policykg::schema
