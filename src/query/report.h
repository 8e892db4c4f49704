// Rendering of query results: aligned tables for people (Print*) and JSON with a stable key order
// for programs (Write*Json). Both write data only; nothing here logs.
#pragma once

#include <ostream>
#include <vector>

#include "graph/model.h"
#include "query/analysis.h"
#include "query/evidence.h"
#include "query/find.h"
#include "query/graph_index.h"
#include "query/traverse.h"

namespace policykg::query {

void PrintFind(std::ostream& out, const GraphIndex& index, const FindResult& result);
void WriteFindJson(std::ostream& out, const GraphIndex& index, const FindResult& result);

void PrintNeighbors(std::ostream& out, const GraphIndex& index, const NeighborResult& result,
                    const NeighborOptions& options);
void WriteNeighborsJson(std::ostream& out, const GraphIndex& index, const NeighborResult& result,
                        const NeighborOptions& options);

// One block per path: a summary line, then a row per hop with one evidence sentence.
void PrintPaths(std::ostream& out, const GraphIndex& index, const PathResult& result, bool color);
void WritePathsJson(std::ostream& out, const GraphIndex& index, graph::Vertex from,
                    graph::Vertex to, const PathResult& result);

void PrintEntityEvidence(std::ostream& out, const std::vector<MentionEvidence>& items, bool color);
void WriteEntityEvidenceJson(std::ostream& out, const GraphIndex& index, graph::Vertex entity,
                             const std::vector<MentionEvidence>& items);

void PrintEdgeEvidence(std::ostream& out, const GraphIndex& index,
                       const std::vector<EdgeEvidenceItem>& items, bool color);
void WriteEdgeEvidenceJson(std::ostream& out, const GraphIndex& index, graph::Vertex a,
                           graph::Vertex b, const std::vector<EdgeEvidenceItem>& items);

void PrintRank(std::ostream& out, const GraphIndex& index, RankMeasure measure,
               const std::vector<RankedNode>& ranked);
void WriteRankJson(std::ostream& out, const GraphIndex& index, RankMeasure measure,
                   const std::vector<RankedNode>& ranked);

// The first `top` components (0 = all), at most `max_members` members each (0 = all).
void PrintComponents(std::ostream& out, const GraphIndex& index, const ComponentsResult& result,
                     size_t top, size_t max_members);
void WriteComponentsJson(std::ostream& out, const GraphIndex& index, const ComponentsResult& result,
                         size_t top, size_t max_members);

void PrintStats(std::ostream& out, const GraphStats& stats);
void WriteStatsJson(std::ostream& out, const GraphStats& stats);

void PrintCollaboration(std::ostream& out, const GraphIndex& index,
                        const CollaborationReport& report);
void WriteCollaborationJson(std::ostream& out, const GraphIndex& index,
                            const CollaborationReport& report);

}  // namespace policykg::query
