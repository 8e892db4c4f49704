// Strict JSON parsing on RapidJSON: iterative (no stack overflow on deep input), nesting limited,
// duplicate object keys rejected, numbers that overflow rejected; errors carry file:line:col.
// Also helpers for structural checks that report a JSON pointer.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "common/status.h"

namespace policykg {

inline constexpr int kMaxJsonDepth = 64;

// Parses `json`; `origin` is the file name used in errors.
Result<rapidjson::Document> ParseJsonStrict(std::string_view json, const std::string& origin);

// "origin: /pointer: message" errors for structural problems.
Error JsonPathError(const std::string& origin, const std::string& pointer, const std::string& message);

}  // namespace policykg
