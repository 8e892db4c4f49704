// Helpers of `policykg query GRAPH --batch FILE`: each line is one query, split into words the way
// a shell splits plain words, and each answer is one compact JSON line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace policykg::query {

// Splits `line` into words: blanks (space, tab) separate them; '…' quotes literally; "…" quotes
// with \" \\ escapes; outside quotes a backslash takes the next byte as is. Errors (unterminated
// quote, trailing backslash) carry the 1-based column in code points of the offending character.
Result<std::vector<std::string>> SplitQueryLine(std::string_view line);

// True for a line that holds no query: only blanks, or a comment whose first non-blank is '#'.
bool IsBlankOrComment(std::string_view line);

// `json`, one JSON document as policykg's writers produce it (pretty or not; control characters in
// strings escaped), without the whitespace outside strings, so it fits on one line.
std::string CompactJson(std::string_view json);

}  // namespace policykg::query
