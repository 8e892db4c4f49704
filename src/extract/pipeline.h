// The build pipeline: expand inputs (files, folders of *.txt), read and decode each document,
// extract in parallel, and resolve into one graph. Output is identical for any thread count.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/json_io.h"
#include "graph/model.h"
#include "schema/schema.h"

namespace policykg::lexicon {
class CompiledLexicon;
}  // namespace policykg::lexicon

namespace policykg::extract {

struct BuildOptions {
  int threads = 1;
  bool embed_text = true;  // keep each document's text in the graph file
  // False leaves BuildGraphJson()'s memory to the process's exit, for a process that exits right
  // after (like clang's -disable-free): freeing its millions of small objects one by one takes
  // about 0.1 s per 100 MB of input.
  bool free_memory = true;
  // Called after each document with (done, total); may be empty.
  std::function<void(size_t, size_t)> progress;
};

// Input paths in a stable order: files as given, folders walked recursively (*.txt, sorted,
// symlinked folders not followed so loops cannot hang the walk). Missing paths are errors.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs);

struct BuildStats {
  size_t documents = 0;
  size_t bytes = 0;
  size_t nodes = 0;
  size_t edges = 0;
  size_t dropped_relations = 0;  // relations the schema's domain/range refused
  // Seconds spent in each stage, summed over threads, in pipeline order: read, sha256, decode,
  // fold, layout, extract, prepare (per-document, threaded), resolve (in document order), finish.
  std::vector<std::pair<std::string, double>> stage_seconds;
};

Result<graph::KnowledgeGraph> BuildGraph(const std::vector<std::string>& files,
                                         const schema::Schema& schema, const BuildOptions& options,
                                         BuildStats* stats = nullptr);

// The same with the schema's lexicon already compiled (lexicon.schema() is the schema), e.g. read
// from the compiled schema cache (lexicon/lexicon_cache.h).
Result<graph::KnowledgeGraph> BuildGraph(const std::vector<std::string>& files,
                                         const lexicon::CompiledLexicon& lexicon,
                                         const BuildOptions& options, BuildStats* stats = nullptr);

// BuildGraph() written straight to `out` as graph JSON, the bytes WriteGraphJson() gives for
// BuildGraph()'s graph, without making a KnowledgeGraph: the documents are written while the nodes
// are finished, the nodes while the edges are resolved. Nothing is written if a file fails.
Status BuildGraphJson(const std::vector<std::string>& files, const schema::Schema& schema,
                      const BuildOptions& options, std::ostream& out,
                      const graph::WriteOptions& write, BuildStats* stats = nullptr);
// The same with the schema's lexicon already compiled (lexicon.schema() is the schema).
Status BuildGraphJson(const std::vector<std::string>& files,
                      const lexicon::CompiledLexicon& lexicon, const BuildOptions& options,
                      std::ostream& out, const graph::WriteOptions& write,
                      BuildStats* stats = nullptr);

// Tests only: called in the thread that processes each file, before it is read (to check that an
// exception there becomes the build's error). Empty in the CLI.
extern std::function<void(const std::string&)> test_hook_before_extract;

}  // namespace policykg::extract
