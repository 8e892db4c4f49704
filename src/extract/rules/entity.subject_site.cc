// entity.subject_site: a category (a generic name: 保税物流中心, 工业设计集聚区) that a region subject
// builds (支持荆州申建保税物流中心, 支持沈阳、大连建设工业设计集聚区) is that region's instance of it:
// 荆州保税物流中心, one node per subject (沈阳工业设计集聚区, 大连工业设计集聚区), each developed by its
// region. Otherwise the bare category would be one node for every city of every report that builds
// one. Runs after develops.region_verb and renames only what that rule alone links: the build verb
// (words.json subject_site_verbs) stands right before the name, every subject is a prefecture- or
// county-level region, and the name holds no place, no quote mark and no national word (words.json
// national_scope_words: 国家高新区, 全国性综合交通枢纽, 生产服务型国家物流枢纽 name a national
// designation, kept as written). Names with a modifier of their own (支持彭水建设民族地区产城景融合发展示范区) are not
// categories and stay as written, unless a grade stands between the verb and the name: a graded
// designation is granted city by city (瑞丽获批国家级产业协作园区 → 瑞丽国家级产业协作园区; 支持许昌创建
// 国家级车联网先导区 → 许昌国家级车联网先导区), the name without the grade an alias.
#include "common/utf8.h"
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

bool IsCityOrCounty(const schema::Region& r) {
  return schema::IsPrefectureLevel(r.level) || schema::IsCountyLevel(r.level);
}

bool NamedAsWritten(const SentenceContext& ctx, const EntityMention& ent, bool graded) {
  // (A designation granted with its grade, 获批国家级产业协作园区, is a category whatever its words.)
  if ((!ent.generic && !graded) || !ent.named_regions.empty() || !ent.involved_regions.empty()) return true;
  for (uint32_t p = ent.start; p < ent.end; ++p) {
    if (IsOpenQuote(ctx.t[p]) || IsCloseQuote(ctx.t[p])) return true;
  }
  return ctx.ContainsWord(ctx.lex.national_scope_words, ent.start, ent.end);
}

}  // namespace

void EntitySubjectSite(SentenceContext& ctx) {
  auto& out = ctx.out;
  size_t first_relation = out.relations.size();  // the sentence's relations so far
  while (first_relation > 0 && out.relations[first_relation - 1].start == ctx.sentence->start) --first_relation;
  const size_t relation_end = out.relations.size(), entity_end = out.entities.size();
  std::vector<size_t> subjects;
  for (size_t k = ctx.first_entity; k < entity_end; ++k) {
    // The name first (most are not categories), then the relations that touch it.
    const EntityMention& ent = out.entities[k];
    // (A grade may stand between the verb and the name, as develops.region_verb allows: 瑞丽获批国家级
    // 产业协作园区 → 瑞丽国家级产业协作园区, alias 瑞丽产业协作园区; the grade makes it a category.)
    uint32_t grade = 0;
    for (uint32_t len = 3; len >= 2 && grade == 0; --len) {
      if (ent.start >= ctx.s + len && ctx.GradeAt(ent.start - len, ent.start) == len) grade = len;
    }
    const uint32_t verb_end = ent.start - grade;
    const std::u32string_view before(ctx.t.data(), verb_end);
    if (NamedAsWritten(ctx, ent, grade > 0) ||
        ctx.lex.subject_site_verbs_reversed.LongestEndingAt(before, verb_end).length == 0)
      continue;
    subjects.clear();
    bool only_subjects = true;
    for (size_t i = first_relation; i < relation_end && only_subjects; ++i) {
      const RelationMention& r = out.relations[i];
      const bool touches = (r.source.kind == Ref::kEntity && r.source.index == static_cast<int32_t>(k)) ||
                           (r.target.kind == Ref::kEntity && r.target.index == static_cast<int32_t>(k)) ||
                           r.via.index == static_cast<int32_t>(k);
      if (!touches) continue;
      only_subjects = r.rule == "develops.region_verb"sv && r.source.kind == Ref::kRegion &&
                      r.via.index < 0 && IsCityOrCounty(ctx.lex.region(r.source.index));
      subjects.push_back(i);
    }
    if (!only_subjects || subjects.empty()) continue;
    const EntityMention bare = ent;  // (a copy: the entities may grow below)
    for (size_t n = 0; n < subjects.size(); ++n) {
      RelationMention& r = out.relations[subjects[n]];
      EntityMention named = bare;
      const std::u32string place = DecodeUtf8Lenient(ctx.lex.region(r.source.index).name);
      // (appended one part after another: GCC 12's -O3 misreads the temporaries of a + b + c as overlapping)
      named.name = place;
      named.name.append(ctx.t.data() + bare.start - grade, grade);
      named.name += bare.name;
      if (grade > 0) named.aliases.emplace_back(place + bare.name, "alias.grade");
      named.rule = "entity.subject_site";
      named.generic = false;  // (an instance now, kept whatever develops it)
      // The city now named in it is where it lies (located_in.name_region): its mention before the verb.
      for (auto h = ctx.hits.rbegin(); h != ctx.hits.rend(); ++h) {
        if (h->blend || h->end > bare.start || h->regions.size() != 1 || h->regions[0] != r.source.index) continue;
        named.named_regions.insert(named.named_regions.begin(), {r.source.index, h->start, h->end, false});
        break;
      }
      if (n == 0) {
        out.entities[k] = std::move(named);
      } else {
        r.target.index = static_cast<int32_t>(out.entities.size());
        out.entities.push_back(std::move(named));
      }
    }
  }
}

}  // namespace policykg::extract::rules
