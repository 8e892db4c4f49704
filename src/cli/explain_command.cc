// `policykg explain FILE|--text TEXT [--dropped]`: per sentence, each fact extracted and the rule
// that made it; with --dropped also each name a rule proposed that became no entity, and why
// (stdout: data; logs: stderr).
#include <fmt/format.h>

#include <iostream>

#include "cli/command.h"
#include "common/file_io.h"
#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/rule_registry.h"
#include "lexicon/compiled_lexicon.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"

namespace policykg::cli {

namespace {

struct ExplainFlags {
  std::string input;
  std::string text;
  bool dropped = false;
};

void RunExplain(CommandContext& ctx, const ExplainFlags& flags) {
  auto compiled = ctx.GetCompiledLexicon();
  if (!compiled.ok()) return ctx.Fail(compiled.error());
  const lexicon::CompiledLexicon& lex = **compiled;
  auto rules = extract::CompileRules(lex.schema());
  if (!rules.ok()) return ctx.Fail(rules.error());
  std::u32string original;
  if (!flags.text.empty()) {
    original = DecodeUtf8Lenient(flags.text);
  } else {
    auto bytes = ReadFileBytes(flags.input);
    if (!bytes.ok()) return ctx.Fail(bytes.error());
    auto decoded = text::DecodeBytes(*bytes, flags.input);
    if (!decoded.ok()) return ctx.Fail(decoded.error());
    original = std::move(decoded->text);
  }
  const std::u32string folded = text::FoldText(original);
  const text::Layout layout = text::AnalyzeLayout(folded, lex.boilerplate);
  extract::ExtractOptions options;
  options.record_dropped = flags.dropped;
  const extract::DocumentExtraction ex = extract::ExtractDocument(folded, layout, lex, *rules, options);
  auto name = [&](const extract::Ref& r) {
    if (r.kind == extract::Ref::kRegion) return lex.region(r.index).name;
    if (r.kind == extract::Ref::kEntity) return EncodeUtf8(ex.entities[r.index].name);
    return EncodeUtf8(ex.targets[r.index].name);
  };
  std::string out;
  if (ex.document_region >= 0)
    out += fmt::format("document region: {}\n", lex.region(ex.document_region).name);
  for (const auto& s : layout.sentences) {
    std::string facts;
    auto inside = [&](uint32_t start, uint32_t end) { return start >= s.start && end <= s.end; };
    for (const auto& e : ex.entities) {
      if (inside(e.start, e.end))
        facts += fmt::format("  entity  {}  {}  {}\n", EncodeUtf8(e.name), e.type, e.rule);
    }
    for (const auto& t : ex.targets) {
      if (inside(t.start, t.end))
        facts += fmt::format("  target  {}  target\n", EncodeUtf8(t.name));
    }
    for (const auto& r : ex.relations) {
      if (r.start == s.start && r.end == s.end) {
        facts += fmt::format("  {}  {}  {}  {}{}\n", name(r.source), r.relation, name(r.target), r.rule,
                             r.via.index >= 0 ? "  via " + name(r.via) : std::string());
      }
    }
    for (const auto& d : ex.dropped) {
      if (inside(d.start, d.end))
        facts += fmt::format("  dropped  {}  {}  {}  ({})\n", EncodeUtf8(folded.substr(d.start, d.end - d.start)),
                             d.type, d.rule, d.reason);
    }
    if (facts.empty()) continue;
    out += fmt::format("{}-{} {}\n{}", s.start, s.end,
                       EncodeUtf8(std::u32string_view(original).substr(s.start, s.end - s.start)),
                       facts);
  }
  std::cout << out;
}

}  // namespace

void RegisterExplainCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<ExplainFlags>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Show, per sentence, each extracted fact and the rule that produced it");
  cmd->add_option("input", flags->input, "A text file (UTF-8 or GB18030)");
  cmd->add_option("--text", flags->text, "Explain this text instead of a file");
  cmd->add_flag("--dropped", flags->dropped,
                "Also list each name a rule proposed that became no entity, and why (inside or crossing a "
                "kept name, or generic)");
  cmd->callback([&ctx, flags] {
    if (flags->input.empty() == flags->text.empty()) {
      return ctx.Fail(MakeFileError("explain", "give a file or --text, not both"));
    }
    RunExplain(ctx, *flags);
  });
}

}  // namespace policykg::cli
