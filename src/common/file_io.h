// File helpers: whole-file reads with clear errors, and atomic writes (temp file + rename) so a
// failed or interrupted run never leaves a half-written output in place.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "common/status.h"

namespace policykg {

// Reads a whole file as bytes. Errors: missing, unreadable, a directory.
Result<std::string> ReadFileBytes(const std::string& path);

// Writes `content` to `path` atomically. `path` "-" writes to stdout.
Status WriteFileAtomic(const std::string& path, const std::string& content);

// Streams output produced by `produce` to `path` atomically ("-" = stdout).
Status WriteStreamAtomic(const std::string& path,
                         const std::function<Status(std::ostream&)>& produce);

}  // namespace policykg
