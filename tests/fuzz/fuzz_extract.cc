// libFuzzer target: the whole extraction path on arbitrary text.
// Input bytes are split on form feeds (\f) into up to 4 documents (so cross-document merging is
// exercised too); each is decoded (skipped when not text), folded, laid out and extracted with
// the bundled schema's lexicon, then all go through GraphBuilder, WriteGraphJson and back through
// ParseGraphJson. Invariants: every extracted span and every mention/evidence offset lies inside
// its document; references point at existing regions/entities/targets; what we write we can read;
// and reading + canonicalizing + writing again gives the same bytes.
//
// Schema directory: $POLICYKG_FUZZ_SCHEMA, else POLICYKG_SOURCE_DIR "/schema".
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/rule_registry.h"
#include "extract/graph_builder.h"
#include "fuzz_check.h"
#include "graph/json_io.h"
#include "lexicon/compiled_lexicon.h"
#include "schema/schema.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/sha256.h"

using namespace policykg;

namespace {

struct Loaded {
  schema::Schema schema;
  std::unique_ptr<lexicon::CompiledLexicon> lexicon;  // holds a reference to `schema`
  std::unique_ptr<extract::RuleSet> rules;            // likewise
};

const Loaded& Lexicon() {
  static const Loaded* loaded = [] {
    const char* env = std::getenv("POLICYKG_FUZZ_SCHEMA");
    std::string dir = env && *env ? env : std::string(POLICYKG_SOURCE_DIR) + "/schema";
    auto s = schema::LoadSchema(dir);
    if (!s.ok()) {
      std::fprintf(stderr, "fuzz_extract: cannot load schema from %s: %s\n", dir.c_str(),
                   s.error().ToString().c_str());
      std::exit(2);
    }
    auto* l = new Loaded{std::move(s).value(), nullptr};
    l->lexicon = std::make_unique<lexicon::CompiledLexicon>(l->schema);
    auto rules = extract::CompileRules(l->schema);
    if (!rules.ok()) {
      std::fprintf(stderr, "fuzz_extract: %s\n", rules.error().ToString().c_str());
      std::exit(2);
    }
    l->rules = std::make_unique<extract::RuleSet>(std::move(rules).value());
    return l;
  }();
  return *loaded;
}

void CheckSpan(uint32_t start, uint32_t end, size_t n, const char* what) {
  FUZZ_CHECK(start <= end && end <= n, fmt::format("{} span [{}, {}) outside document of {} chars", what, start, end, n));
}

void CheckExtraction(const extract::DocumentExtraction& ex, size_t n, const lexicon::CompiledLexicon& lex) {
  const auto regions = static_cast<int32_t>(lex.region_count());
  FUZZ_CHECK(ex.document_region >= -1 && ex.document_region < regions, "bad document_region");
  for (const auto& r : ex.regions) {
    CheckSpan(r.start, r.end, n, "region mention");
    FUZZ_CHECK(r.region >= 0 && r.region < regions, fmt::format("region index {} of {}", r.region, regions));
  }
  for (const auto& e : ex.entities) {
    CheckSpan(e.start, e.end, n, "entity mention");
    for (int32_t r : e.involved_regions) FUZZ_CHECK(r >= 0 && r < regions, "bad involved region");
  }
  for (const auto& t : ex.targets) CheckSpan(t.start, t.end, n, "target mention");
  auto valid = [&](const extract::Ref& ref) {
    switch (ref.kind) {
      case extract::Ref::kRegion: return ref.index >= 0 && ref.index < regions;
      case extract::Ref::kEntity: return ref.index >= 0 && static_cast<size_t>(ref.index) < ex.entities.size();
      case extract::Ref::kTarget: return ref.index >= 0 && static_cast<size_t>(ref.index) < ex.targets.size();
    }
    return false;
  };
  for (const auto& rel : ex.relations) {
    CheckSpan(rel.start, rel.end, n, "relation sentence");
    FUZZ_CHECK(valid(rel.source) && valid(rel.target), "relation " + std::string(rel.relation) + " refers to a missing item");
    FUZZ_CHECK(!rel.relation.empty(), "relation without a name");
  }
}

void CheckGraph(const graph::KnowledgeGraph& g) {
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
    const graph::Node& node = g.node(*it);
    for (const auto& m : node.mentions) {
      const graph::Document* d = g.FindDocument(m.doc);
      FUZZ_CHECK(d != nullptr, "mention of unknown document " + m.doc + " on " + node.id);
      CheckSpan(m.start, m.end, d->chars, "node mention");
    }
  }
  for (auto [it, end] = boost::edges(g.g()); it != end; ++it) {
    for (const auto& ev : g.edge(*it).evidence) {
      if (ev.doc.empty()) continue;
      const graph::Document* d = g.FindDocument(ev.doc);
      FUZZ_CHECK(d != nullptr, "evidence from unknown document " + ev.doc);
      CheckSpan(ev.start, ev.end, d->chars, "edge evidence");
    }
  }
}

std::string Write(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  graph::WriteGraphJson(g, out);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Lexicon();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& lex = *Lexicon().lexicon;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  extract::GraphBuilder builder(lex);
  int documents = 0;
  for (size_t from = 0; from <= input.size() && documents < 4;) {
    size_t ff = input.find('\f', from);
    std::string_view bytes = input.substr(from, ff == std::string_view::npos ? std::string_view::npos : ff - from);
    from = ff == std::string_view::npos ? input.size() + 1 : ff + 1;

    auto decoded = text::DecodeBytes(bytes, "fuzz.txt");
    if (!decoded.ok()) continue;
    const std::u32string& original = decoded->text;
    std::u32string folded = text::FoldText(original);
    text::Layout layout = text::AnalyzeLayout(folded, lex.boilerplate);
    extract::DocumentExtraction ex = extract::ExtractDocument(folded, layout, lex, *Lexicon().rules);
    CheckExtraction(ex, original.size(), lex);

    graph::Document doc;
    doc.id = fmt::format("d{}", ++documents);
    doc.path = fmt::format("fuzz/{}.txt", documents);
    doc.sha256 = text::Sha256Hex(bytes);
    doc.encoding = decoded->encoding;
    doc.chars = original.size();
    if (layout.title_end > layout.title_start) {
      doc.title = EncodeUtf8(std::u32string_view(original).substr(layout.title_start, layout.title_end - layout.title_start));
    }
    doc.text = EncodeUtf8(original);
    builder.AddDocument(std::move(doc), original, ex);
  }
  if (documents == 0) return 0;

  graph::KnowledgeGraph g = builder.Finish();
  CheckGraph(g);
  const std::string first = Write(g);
  auto parsed = graph::ParseGraphJson(first, "fuzz");
  FUZZ_CHECK(parsed.ok(), "graph written by WriteGraphJson does not parse: " + parsed.error().ToString());
  parsed->Canonicalize();
  const std::string second = Write(*parsed);
  if (first != second) {
    size_t i = 0;
    while (i < first.size() && i < second.size() && first[i] == second[i]) ++i;
    FUZZ_CHECK(first == second, fmt::format("written graph changes after read + Canonicalize + write, at byte {}:\n"
                                            "  first:  …{}…\n  second: …{}…",
                                            i, first.substr(i < 80 ? 0 : i - 80, 200), second.substr(i < 80 ? 0 : i - 80, 200)));
  }
  return 0;
}
