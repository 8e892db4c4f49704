// Resolves query arguments to nodes by id, name or alias (width- and quote-insensitive NameKey),
// optionally of one type, with did-you-mean; and checks --type/--relation values likewise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"
#include "query/graph_index.h"

namespace policykg::query {

struct Resolution {
  enum class Outcome { kFound, kNotFound, kAmbiguous };
  Outcome outcome = Outcome::kNotFound;
  graph::Vertex vertex = 0;                // when kFound
  std::vector<graph::Vertex> candidates;   // when kAmbiguous: every match, by id
  std::vector<std::string> suggestions;    // when kNotFound: closest names
  std::vector<graph::Vertex> other_types;  // when kNotFound because of `type`: the matches

  bool found() const { return outcome == Outcome::kFound; }
};

// Resolves `name` by exact id, then id key, then name key, then alias key; the first tier with a
// match wins. A non-empty `type` keeps only nodes of that type.
Resolution ResolveEntity(const GraphIndex& index, std::string_view name,
                         std::string_view type = {});

// One line for a failed resolution, e.g. "no entity named 万洲; did you mean: 万州, 万州区" or
// "ambiguous name 万州: Platform:万州, Region:万州 (give an id, or pick one with --type)".
// `type_option` names the flag that picks a type for this argument.
std::string DescribeFailure(const GraphIndex& index, const Resolution& resolution,
                            std::string_view name, std::string_view type,
                            std::string_view type_option = "--type");

// Checks `value` against `known` (e.g. schema types ∪ graph types); the error reads
// "unknown <what> X; did you mean: A, B" or lists the known values when nothing is close.
Status CheckKnownName(std::string_view what, const std::string& value,
                      const std::vector<std::string>& known);

}  // namespace policykg::query
