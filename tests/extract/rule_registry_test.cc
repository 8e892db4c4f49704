// The rule registry and the pattern language: schema/rules.json switches rules off and adds
// patterns without C++; bad entries are errors naming file, JSON pointer and reason.
#include "extract/rule_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/pipeline.h"
#include "test_util.h"

namespace policykg::extract {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A copy of the bundled schema with `from` replaced by `to` in `file` (which must contain it).
std::string EditedSchema(const std::string& name, const std::string& file, const std::string& from,
                         const std::string& to) {
  fs::path dir = policykg::testing::ProcessTempPath("schema_" + name);
  fs::remove_all(dir);
  fs::copy(POLICYKG_SCHEMA_DIR, dir, fs::copy_options::recursive);
  std::string text = ReadAll(dir / file);
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  std::ofstream(dir / file, std::ios::trunc) << text;
  return dir.string();
}

// The index in the bundled rules.json of the first rule whose text contains `needle` (each rule
// is an object opening with "name"; pattern elements and emits have none).
size_t RuleIndexContaining(const std::string& needle) {
  const std::string text = ReadAll(fs::path(POLICYKG_SCHEMA_DIR) / "rules.json");
  const size_t at = text.find(needle);
  size_t index = 0;
  for (size_t p = text.find("{\"name\":"); p != std::string::npos && p < at; p = text.find("{\"name\":", p + 1)) ++index;
  return index - 1;
}

// The relations of `text` as "SOURCE relation TARGET rule" under the schema in `dir`.
std::vector<std::string> Relations(const std::string& dir, const std::string& text,
                                   const std::string& region) {
  auto schema = schema::LoadSchema(dir);
  EXPECT_TRUE(schema.ok()) << schema.error().ToString();
  if (!schema.ok()) return {};
  lexicon::CompiledLexicon lex(*schema);
  auto rules = CompileRules(*schema);
  EXPECT_TRUE(rules.ok()) << rules.error().ToString();
  if (!rules.ok()) return {};
  auto ex = ExtractSentence(text, lex, *rules, {region});
  EXPECT_TRUE(ex.ok());
  std::vector<std::string> out;
  auto name = [&](const Ref& r) {
    return r.kind == Ref::kRegion ? lex.region(r.index).name
                                  : EncodeUtf8(ex->entities[r.index].name);
  };
  for (const auto& r : ex->relations)
    out.push_back(name(r.source) + " " + std::string(r.relation) + " " + name(r.target) + " " + std::string(r.rule));
  return out;
}

std::string LoadError(const std::string& dir) {
  auto schema = schema::LoadSchema(dir);
  if (!schema.ok()) return schema.error().ToString();
  auto rules = CompileRules(*schema);
  return rules.ok() ? "" : rules.error().ToString();
}

TEST(RuleRegistry, TheBundledRulesCompileInTheirOrder) {
  auto rules = CompileRules(policykg::testing::BundledSchema());
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  std::vector<std::string> relation_rules;
  for (const auto& step : rules->phases()[static_cast<size_t>(RulePhase::kRelation)])
    relation_rules.push_back(step.name);
  EXPECT_EQ(relation_rules.front(), "cooperates_with.blend");
  EXPECT_EQ(relation_rules.back(), "entity.route_end");  // (last: no other rule sees its Regions)
  EXPECT_NE(std::find(relation_rules.begin(), relation_rules.end(), "develops.region_verb"),
            relation_rules.end());
}

// 手拉手 (three characters) in partner_verbs: the partner rule is a pattern, whose word elements
// take words of any length, so it works like 联动.
TEST(RuleRegistry, AThreeCharacterPartnerVerbIsSupported) {
  std::string dir = EditedSchema("partner3", "lexicon/words.json", "\"partner_verbs\": [",
                                 "\"partner_verbs\": [\"手拉手\", ");
  auto facts = Relations(dir, "手拉手四川共建产业园。", "重庆");
  EXPECT_NE(
      std::find(facts.begin(), facts.end(), "重庆 cooperates_with 四川 cooperates_with.partner"),
      facts.end());
  auto bundled = Relations(POLICYKG_SCHEMA_DIR, "手拉手四川共建产业园。", "重庆");
  EXPECT_EQ(std::find(bundled.begin(), bundled.end(),
                      "重庆 cooperates_with 四川 cooperates_with.partner"),
            bundled.end());
}

// located_in.known_site is off in the bundled rules; switched on, a site is located in its region.
TEST(RuleRegistry, KnownSitesAreLocatedWhenTheRuleIsOn) {
  const std::string text = "扩大三星堆、三苏祠国际影响力。";
  std::string dir = EditedSchema("known_site", "rules.json", R"({"name": "located_in.known_site", "enabled": false,)",
                                 R"({"name": "located_in.known_site", "enabled": true,)");
  auto facts = Relations(dir, text, "四川");
  EXPECT_NE(std::find(facts.begin(), facts.end(), "三星堆 located_in 四川 located_in.known_site"), facts.end());
  EXPECT_NE(std::find(facts.begin(), facts.end(), "三苏祠 located_in 四川 located_in.known_site"), facts.end());
  auto bundled = Relations(POLICYKG_SCHEMA_DIR, text, "四川");
  EXPECT_EQ(std::find(bundled.begin(), bundled.end(), "三星堆 located_in 四川 located_in.known_site"), bundled.end());
}

TEST(RuleRegistry, AnEmptyWordARuleReadsIsRejectedWithItsPointer) {
  std::string dir = EditedSchema("empty_verb", "lexicon/words.json", "\"develop_verbs\": [",
                                 "\"develop_verbs\": [\"\", ");
  std::string error = LoadError(dir);
  EXPECT_NE(error.find("words.json: /develop_verbs/0:"), std::string::npos) << error;
  EXPECT_NE(error.find("0 characters long"), std::string::npos) << error;
}

// count_words (届, 项, 大 …) is read one character at a time: a longer entry is refused at load.
TEST(RuleRegistry, AWordLongerThanItsRuleReadsIsRejectedAtLoad) {
  std::string dir = EditedSchema("count2", "lexicon/words.json", "\"count_words\": [",
                                 "\"count_words\": [\"届次\", ");
  std::string error = LoadError(dir);
  EXPECT_NE(error.find("words.json: /count_words/0: \"届次\" is 2 characters long; rule "
                       "entity.head reads count_words words "
                       "of exactly 1 character"),
            std::string::npos)
      << error;
}

// A counter (N个 X targets) is read only after a unit: one that is not a unit is refused.
TEST(RuleRegistry, ACounterThatIsNoUnitIsRejectedAtLoad) {
  std::string dir =
      EditedSchema("counter", "lexicon/words.json", "\"counters\": [", "\"counters\": [\"尊\", ");
  std::string error = LoadError(dir);
  EXPECT_NE(
      error.find("words.json: /counters/0: \"尊\" is not in units; rule target reads counters only "
                 "after one of units"),
      std::string::npos)
      << error;
}

TEST(RuleRegistry, ARuleCanBeSwitchedOffInData) {
  const std::string text = "支持万州、开州建设三峡科技创新中心。";
  auto on = Relations(POLICYKG_SCHEMA_DIR, text, "");
  EXPECT_NE(std::find(on.begin(), on.end(), "万州 develops 三峡科技创新中心 develops.region_verb"),
            on.end());
  std::string dir = EditedSchema("off", "rules.json", "{\"name\": \"develops.region_verb\",",
                                 "{\"name\": \"develops.region_verb\", \"enabled\": false,");
  auto off = Relations(dir, text, "");
  EXPECT_EQ(
      std::find(off.begin(), off.end(), "万州 develops 三峡科技创新中心 develops.region_verb"),
      off.end());
}

TEST(RuleRegistry, APatternAddedInDataProducesItsRelation) {
  std::string dir =
      EditedSchema("located", "rules.json", "  {\"name\": \"targets.document_region\"}",
                   "  {\"name\": \"located_in.verb\", \"pattern\": [{\"span\": \"Entity\", "
                   "\"types\": [\"Lab\", \"Institution\"]},"
                   " {\"literal\": [\"位于\", \"落户\"]}, {\"span\": \"Region\"}], \"emit\": "
                   "{\"relation\": \"located_in\", \"source\": 0,"
                   " \"target\": 2}},\n  {\"name\": \"targets.document_region\"}");
  auto facts = Relations(dir, "金凤实验室落户万州区。", "");
  EXPECT_NE(std::find(facts.begin(), facts.end(), "金凤实验室 located_in 万州 located_in.verb"),
            facts.end())
      << ::testing::PrintToString(facts);
}

// Words after the last span are matched forward from its end; a Region span can ask for levels and
// for the report's own province (develops.region_group).
TEST(RuleRegistry, APatternReadsWordsAfterItsLastSpanAndFiltersRegions) {
  auto facts = Relations(POLICYKG_SCHEMA_DIR, "加快西安都市圈建设。", "陕西");
  EXPECT_NE(std::find(facts.begin(), facts.end(), "陕西 develops 西安都市圈 develops.region_group"), facts.end())
      << ::testing::PrintToString(facts);
  // Without the word after it, in another province's report, or for a group of another level: none.
  for (const auto& [text, region] : std::vector<std::pair<std::string, std::string>>{
           {"加快西安都市圈。", "陕西"}, {"加快西安都市圈建设。", "甘肃"}, {"加快长三角建设。", "江苏"}}) {
    auto none = Relations(POLICYKG_SCHEMA_DIR, text, region);
    for (const auto& f : none) EXPECT_EQ(f.find("develops.region_group"), std::string::npos) << text << ": " << f;
  }
}

TEST(RuleRegistry, BadPatternsAreErrorsWithFileAndPointer) {
  std::string error = LoadError(EditedSchema(
      "badlist", "rules.json", "{\"words\": \"develop_verbs\"}", "{\"words\": \"develop_verb\"}"));
  const std::string pattern = "/rules/" + std::to_string(RuleIndexContaining("{\"words\": \"develop_verbs\"}"));
  EXPECT_NE(error.find("rules.json: " + pattern +
                       "/pattern/1/words: unknown word list \"develop_verb\" (did you mean \"develop_verbs\"?)"),
            std::string::npos)
      << error;
  error = LoadError(EditedSchema("badrel", "rules.json", "\"relation\": \"develops\"",
                                 "\"relation\": \"develop\""));
  EXPECT_NE(error.find("/emit/relation: unknown relation \"develop\" (did you mean \"develops\"?)"),
            std::string::npos)
      << error;
  error = LoadError(EditedSchema("badrange", "rules.json",
                                 "\"relation\": \"develops\", \"source\": 0, \"target\": 3",
                                 "\"relation\": \"targets\", \"source\": 0, \"target\": 3"));
  EXPECT_NE(error.find("does not allow"), std::string::npos) << error;
  error = LoadError(EditedSchema("badoptional", "rules.json", "{\"span\": \"Entity\"}",
                                 "{\"span\": \"Entity\", \"optional\": true}"));
  EXPECT_NE(error.find("/optional: a span cannot be optional"), std::string::npos) << error;
  error = LoadError(EditedSchema("badlevel", "rules.json", "\"levels\": [\"metropolitan_area\", ",
                                 "\"levels\": [\"metropolitan\", "));
  const std::string group = "/rules/" + std::to_string(RuleIndexContaining("\"levels\": [\"metropolitan_area\", "));
  EXPECT_NE(error.find("rules.json: " + group +
                       "/pattern/1/levels/0: unknown region level \"metropolitan\" (did you mean \"metropolitan_area\"?)"),
            std::string::npos)
      << error;
  error = LoadError(EditedSchema("levelonentity", "rules.json", "{\"span\": \"Entity\"}",
                                 "{\"span\": \"Entity\", \"home\": true}"));
  EXPECT_NE(error.find("\"levels\", \"home\", \"away\" and \"not_after\" belong to a Region span"), std::string::npos)
      << error;
  error = LoadError(EditedSchema("homeandaway", "rules.json", "{\"span\": \"Region\", \"away\": true}",
                                 "{\"span\": \"Region\", \"away\": true, \"home\": true}"));
  const std::string docking = "/rules/" + std::to_string(RuleIndexContaining("{\"span\": \"Region\", \"away\": true}"));
  EXPECT_NE(error.find("rules.json: " + docking + "/pattern/1/away: a span cannot be both \"home\" and \"away\""),
            std::string::npos)
      << error;
  error = LoadError(EditedSchema("nospan", "rules.json", "\"pattern\": [{\"words\": \"partner_verbs\"}, {\"span\": \"Region\"}]",
                                 "\"pattern\": [{\"words\": \"partner_verbs\"}]"));
  EXPECT_NE(error.find("expected at least one span"), std::string::npos) << error;
  error = LoadError(EditedSchema("badelement", "rules.json", "{\"words\": \"develop_verbs\"}",
                                 "{\"word\": \"develop_verbs\"}"));
  EXPECT_NE(error.find(pattern + "/pattern/1/word: unknown field"), std::string::npos) << error;
  error = LoadError(EditedSchema("badname", "rules.json", "{\"name\": \"develops.clause_subject\"}",
                                 "{\"name\": \"develops.clause_subjects\"}"));
  EXPECT_NE(
      error.find(
          "unknown rule \"develops.clause_subjects\" (did you mean \"develops.clause_subject\"?)"),
      std::string::npos)
      << error;
}

// Renaming a relation in schema.json without the rules that emit it is an error naming the rule
// (targets: emitted by a C++ rule only; a data rule's emit is checked with its JSON pointer).
TEST(RuleRegistry, ARelationMissingFromTheSchemaNamesTheRuleThatEmitsIt) {
  std::string error = LoadError(
      EditedSchema("norel", "schema.json", "\"name\": \"targets\"", "\"name\": \"aims\""));
  EXPECT_NE(error.find("rule targets.document_region emits relation \"targets\", which "
                       "schema.json does not define"),
            std::string::npos)
      << error;
  error = LoadError(EditedSchema("norel2", "schema.json", "\"name\": \"involves\"", "\"name\": \"joins\""));
  EXPECT_NE(error.find("/emit/relation: unknown relation \"involves\""), std::string::npos) << error;
}

// A pattern emitting a relation the schema lacks is refused with its JSON pointer.
TEST(RuleRegistry, APatternEmittingAMissingRelationIsRefusedWithItsPointer) {
  std::string error = LoadError(
      EditedSchema("norel2", "schema.json", "\"name\": \"located_in\"", "\"name\": \"sited_in\""));
  EXPECT_NE(error.find("/emit/relation: unknown relation \"located_in\" (did you mean \"sited_in\"?)"),
            std::string::npos)
      << error;
}

TEST(Pipeline, AnExceptionInAWorkerThreadIsTheBuildsError) {
  std::string a = policykg::testing::WriteTemp("worker_a.txt", "建设金凤实验室。\n");
  std::string b = policykg::testing::WriteTemp("worker_b.txt", "建设嘉陵江实验室。\n");
  test_hook_before_extract = [&](const std::string& path) {
    if (path == b) throw std::runtime_error("injected");
  };
  for (int threads : {1, 2}) {
    BuildOptions options;
    options.threads = threads;
    auto g = BuildGraph({a, b, a}, policykg::testing::BundledSchema(), options);
    ASSERT_FALSE(g.ok());
    EXPECT_NE(g.error().ToString().find("internal error during extraction: injected"),
              std::string::npos)
        << g.error().ToString();
  }
  test_hook_before_extract = nullptr;
}

}  // namespace
}  // namespace policykg::extract
