#include <algorithm>
// Runs every case of tests/extract/cases.json through the whole pipeline (a temp document file,
// the bundled schema) and checks the expected entities, relations and targets.
#include <cmath>
#include <cstdlib>
#include <set>

#include <gtest/gtest.h>

#include "common/file_io.h"
#include "common/json.h"
#include "test_util.h"

namespace policykg::extract {
namespace {

using policykg::testing::BuildFromText;
using policykg::testing::FindNode;
using policykg::testing::HasEdge;

using policykg::testing::Str;

class ExtractionCases : public ::testing::TestWithParam<int> {
 public:
  static const rapidjson::Document& Cases() {
    static rapidjson::Document* doc = policykg::testing::LoadTestJson("extract/cases.json");
    return *doc;
  }
};

TEST_P(ExtractionCases, Holds) {
  const auto& c = Cases()["cases"][GetParam()];
  SCOPED_TRACE(Str(c["rule"]));
  std::string text = Str(c["text"]);
  if (c.HasMember("title")) text = Str(c["title"]) + "\n" + text;
  auto g = BuildFromText(text, "case" + std::to_string(GetParam()) + ".txt");

  if (c.HasMember("entities")) {
    for (const auto& e : c["entities"].GetArray()) {
      const graph::Node* n = FindNode(g, Str(e[0]));
      ASSERT_NE(n, nullptr) << "missing entity " << Str(e[0]);
      EXPECT_EQ(n->type, Str(e[1])) << Str(e[0]);
      if (e.Size() > 2) {  // the rule of a mention (a mention inside a name adds ".in_name")
        const std::string rule = Str(e[2]);
        EXPECT_TRUE(std::any_of(n->mentions.begin(), n->mentions.end(), [&](const graph::Mention& m) {
          return m.rule == rule || m.rule == rule + ".in_name";
        })) << Str(e[0]) << " has no mention by " << rule;
      }
    }
  }
  if (c.HasMember("not_entities")) {
    for (const auto& e : c["not_entities"].GetArray()) {
      const graph::Node* n = FindNode(g, Str(e));
      EXPECT_EQ(n, nullptr) << "unexpected entity " << Str(e) << " (" << (n ? n->type : "") << ")";
    }
  }
  if (c.HasMember("relations")) {
    for (const auto& r : c["relations"].GetArray()) {
      EXPECT_TRUE(HasEdge(g, Str(r[0]), Str(r[1]), Str(r[2]))) << "missing " << Str(r[0]) << " -" << Str(r[1]) << "-> " << Str(r[2]);
    }
  }
  if (c.HasMember("not_relations")) {
    for (const auto& r : c["not_relations"].GetArray()) {
      EXPECT_FALSE(HasEdge(g, Str(r[0]), Str(r[1]), Str(r[2]))) << "unexpected " << Str(r[0]) << " -" << Str(r[1]) << "-> " << Str(r[2]);
    }
  }
  // "exact": true — every entity (not regions, not targets) and every relation (not the
  // gazetteer's part_of) the text yields must be listed: an extra fact fails the case.
  if ((c.HasMember("exact") && c["exact"].GetBool()) || std::getenv("POLICYKG_CASES_ALL_EXACT")) {
    std::set<std::string> listed_entities, listed_relations;
    if (c.HasMember("entities")) {
      for (const auto& e : c["entities"].GetArray()) {
        if (const graph::Node* n = FindNode(g, Str(e[0]))) listed_entities.insert(n->id);
      }
    }
    if (c.HasMember("relations")) {
      for (const auto& r : c["relations"].GetArray()) {
        const graph::Node* a = FindNode(g, Str(r[0]));
        const graph::Node* b = FindNode(g, Str(r[2]));
        if (a && b) {
          listed_relations.insert(a->id + " " + Str(r[1]) + " " + b->id);
          listed_relations.insert(b->id + " " + Str(r[1]) + " " + a->id);
        }
      }
    }
    for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
      const auto& n = g.node(*it);
      if (n.type == "Region" || n.type == "Target") continue;
      EXPECT_TRUE(listed_entities.count(n.id)) << "unexpected entity " << n.id;
    }
    for (auto [it, end] = boost::edges(g.g()); it != end; ++it) {
      const auto& e = g.edge(*it);
      if (e.relation == "part_of") continue;
      const std::string fact = g.node(boost::source(*it, g.g())).id + " " + e.relation + " " +
                               g.node(boost::target(*it, g.g())).id;
      EXPECT_TRUE(listed_relations.count(fact)) << "unexpected relation " << fact;
    }
  }
  if (c.HasMember("targets")) {
    for (const auto& t : c["targets"].GetArray()) {
      bool found = false;
      for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
        const auto& n = g.node(*it);
        if (n.type != "Target") continue;
        const auto& a = n.attributes;
        double value = std::get<double>(a.at("value"));
        std::string metric = std::get<std::string>(a.at("metric"));
        // The metric contains the listed words, or is exactly them with "exact_metric": true.
        const bool exact_metric = t.HasMember("exact_metric") && t["exact_metric"].GetBool();
        const bool metric_ok = exact_metric ? metric == Str(t["metric"]) : metric.find(Str(t["metric"])) != std::string::npos;
        bool ok = std::fabs(value - t["value"].GetDouble()) < 1e-6 * std::max(1.0, std::fabs(value)) && metric_ok &&
                  std::get<std::string>(a.at("unit")) == Str(t["unit"]);
        for (const char* key : {"comparator", "qualifier", "status"}) {
          if (ok && t.HasMember(key)) ok = a.count(key) && std::get<std::string>(a.at(key)) == Str(t[key]);
        }
        found = found || ok;
      }
      EXPECT_TRUE(found) << "missing target " << Str(t["metric"]) << "=" << t["value"].GetDouble() << Str(t["unit"]);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ExtractionCases,
                         ::testing::Range(0, static_cast<int>(ExtractionCases::Cases()["cases"].Size())));

}  // namespace
}  // namespace policykg::extract
