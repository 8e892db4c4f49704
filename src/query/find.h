// Entity search: substring (NameKey-folded) or regular-expression match on names and aliases,
// filtered by node type and attribute conditions such as value>1000, level=district, unit=家.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"
#include "query/graph_index.h"

namespace policykg::query {

// One attribute condition. Ordering operators compare numbers (a numeric string attribute such
// as code="500101" counts as a number); = and != compare numbers numerically when both sides
// are numbers, text exactly otherwise; ~ tests that the text contains the value. A node
// without the attribute satisfies no condition on it.
struct AttrCondition {
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kContains };
  std::string key;
  Op op = Op::kEq;
  std::string value;
  std::optional<double> number;  // `value` parsed as a number, when it is one

  bool Matches(const graph::Attributes& attributes) const;
};

// Parses "key<op>value" with op one of = != < <= > >= ~. Errors: no operator, empty key,
// empty value, an ordering operator with a non-numeric value.
Result<AttrCondition> ParseAttrCondition(std::string_view text);

struct FindOptions {
  std::string pattern;                    // empty: every node
  bool regex = false;                     // ECMAScript regex over code points (so 万.云 works)
  std::vector<std::string> types;         // empty: any type
  std::vector<AttrCondition> conditions;  // all must hold
  size_t limit = 0;                       // 0: no limit
};

struct FindResult {
  std::vector<graph::Vertex> matches;  // exact name/alias matches first, then by id
  size_t total = 0;                    // matches before `limit`
};

// Errors: an invalid regular expression.
Result<FindResult> FindEntities(const GraphIndex& index, const FindOptions& options);

}  // namespace policykg::query
