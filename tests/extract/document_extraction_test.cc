// ExtractDocument's options: what `policykg explain --dropped` reads.
#include "extract/document_extraction.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "extract/rule_registry.h"
#include "lexicon/compiled_lexicon.h"
#include "schema/schema.h"
#include "text/layout.h"
#include "text/normalize.h"

namespace policykg::extract {
namespace {

// ExtractOptions::record_dropped keeps each candidate no entity came from, with why; without it
// nothing is kept, and the entities are the same either way.
TEST(ExtractDocument, RecordsDroppedCandidatesOnlyWhenAsked) {
  auto schema = schema::LoadSchema(POLICYKG_SCHEMA_DIR);
  ASSERT_TRUE(schema.ok()) << schema.error().ToString();
  lexicon::CompiledLexicon lex(*schema);
  auto rules = CompileRules(*schema);
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  const std::u32string folded =
      text::FoldText(DecodeUtf8Lenient("加快巢马城际铁路建设，国家现代农业产业园、地理标志保护示范区分别增加2个。"));
  const text::Layout layout = text::AnalyzeLayout(folded, lex.boilerplate);
  const DocumentExtraction plain = ExtractDocument(folded, layout, lex, *rules);
  EXPECT_TRUE(plain.dropped.empty());
  ExtractOptions options;
  options.record_dropped = true;
  const DocumentExtraction traced = ExtractDocument(folded, layout, lex, *rules, options);
  ASSERT_EQ(traced.entities.size(), plain.entities.size());
  std::vector<std::string> dropped;
  for (const auto& d : traced.dropped)
    dropped.push_back(EncodeUtf8(folded.substr(d.start, d.end - d.start)) + " " + d.reason.substr(0, 7));
  EXPECT_NE(std::find(dropped.begin(), dropped.end(), "巢马城际 inside "), dropped.end());
  EXPECT_NE(std::find(dropped.begin(), dropped.end(), "地理标志保护示范区 generic"), dropped.end());
}

}  // namespace
}  // namespace policykg::extract
