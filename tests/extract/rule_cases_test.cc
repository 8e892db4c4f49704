// Runs every case of tests/extract/rule_cases.json through ExtractSentence (no files) with the
// bundled schema and compares the facts exactly: every entity (name, type, rule), target and
// relation (source, relation, target, rule) the text yields must be listed, and nothing else.
// Every enabled rule of schema/rules.json must be the subject of at least one case.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "common/file_io.h"
#include "common/json.h"
#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/rule_registry.h"
#include "test_util.h"

namespace policykg::extract {
namespace {

using policykg::testing::Str;

const rapidjson::Document& Cases() {
  static rapidjson::Document* doc = policykg::testing::LoadTestJson("extract/rule_cases.json");
  return *doc;
}

struct Bundled {
  lexicon::CompiledLexicon lex{policykg::testing::BundledSchema()};
  RuleSet rules = [] {
    auto r = CompileRules(policykg::testing::BundledSchema());
    if (!r.ok()) {
      ADD_FAILURE() << r.error().ToString();
      std::abort();
    }
    return std::move(r).value();
  }();
};
const Bundled& B() {
  static const Bundled* b = new Bundled;
  return *b;
}

// The facts of an extraction as lines: "entity NAME Type rule", "target NAME",
// "SOURCE relation TARGET rule" (+ " via NAME" when the relation records one), and
// "implicit REGION at WORD" for a region referred to unwritten (the mentions of develops.implicit
// and cooperates_with.report_region).
std::vector<std::string> Facts(const DocumentExtraction& ex, const lexicon::CompiledLexicon& lex,
                               const std::u32string& text) {
  std::vector<std::string> facts;
  for (const auto& m : ex.regions) {
    if (std::string_view(m.rule) == "develops.implicit" || std::string_view(m.rule) == "cooperates_with.report_region")
      facts.push_back("implicit " + lex.region(m.region).name + " at " +
                      EncodeUtf8(std::u32string_view(text).substr(m.start, m.end - m.start)));
  }
  for (const auto& e : ex.entities)
    facts.push_back("entity " + EncodeUtf8(e.name) + " " + e.type + " " + e.rule);
  for (const auto& t : ex.targets) facts.push_back("target " + EncodeUtf8(t.name));
  auto name = [&](const Ref& r) {
    if (r.kind == Ref::kRegion) return lex.region(r.index).name;
    if (r.kind == Ref::kEntity) return EncodeUtf8(ex.entities[r.index].name);
    return EncodeUtf8(ex.targets[r.index].name);
  };
  for (const auto& r : ex.relations)
    facts.push_back(name(r.source) + " " + std::string(r.relation) + " " + name(r.target) + " " + std::string(r.rule) +
                    (r.via.index >= 0 ? " via " + name(r.via) : ""));
  std::sort(facts.begin(), facts.end());
  facts.erase(std::unique(facts.begin(), facts.end()), facts.end());
  return facts;
}

class RuleCases : public ::testing::TestWithParam<int> {};

TEST_P(RuleCases, YieldExactlyTheListedFacts) {
  const auto& c = Cases()["cases"][GetParam()];
  SCOPED_TRACE(Str(c["rule"]) + ": " + Str(c["text"]));
  SentenceOptions options;
  if (c.HasMember("region")) options.document_region = Str(c["region"]);
  auto ex = ExtractSentence(Str(c["text"]), B().lex, B().rules, options);
  ASSERT_TRUE(ex.ok()) << ex.error().ToString();
  std::vector<std::string> expected;
  for (const auto& f : c["facts"].GetArray()) expected.push_back(Str(f));
  std::sort(expected.begin(), expected.end());
  const std::vector<std::string> actual = Facts(*ex, B().lex, DecodeUtf8Lenient(Str(c["text"])));
  for (const auto& f : expected) {
    EXPECT_TRUE(std::binary_search(actual.begin(), actual.end(), f)) << "missing: " << f;
  }
  for (const auto& f : actual) {
    EXPECT_TRUE(std::binary_search(expected.begin(), expected.end(), f)) << "unexpected: " << f;
  }
}

INSTANTIATE_TEST_SUITE_P(All, RuleCases,
                         ::testing::Range(0, static_cast<int>(Cases()["cases"].Size())));

TEST(RuleCases, EveryEnabledRuleHasACase) {
  std::set<std::string> covered;
  for (const auto& c : Cases()["cases"].GetArray()) covered.insert(Str(c["rule"]));
  for (const auto& phase : B().rules.phases()) {
    for (const auto& step : phase)
      EXPECT_TRUE(covered.count(step.name)) << "no case for rule " << step.name;
  }
}

}  // namespace
}  // namespace policykg::extract
