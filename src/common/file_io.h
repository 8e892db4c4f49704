// File helpers: whole-file reads with clear errors, and atomic writes (temp file + rename) so a
// failed or interrupted run never leaves a half-written output in place.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/status.h"

namespace policykg {

// Reads a whole file as bytes. Errors: missing, unreadable, a directory.
Result<std::string> ReadFileBytes(const std::string& path);

// A whole file's bytes, read-only: a private mapping of a regular file (no zero-fill, no copy),
// else (pipes, /proc, empty files, a failed mmap) the bytes read into memory. Same errors as
// ReadFileBytes.
class FileBytes {
 public:
  static Result<FileBytes> Open(const std::string& path);
  FileBytes() = default;
  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes() { Release(); }

  std::string_view view() const { return mapped_ ? std::string_view(mapped_, size_) : std::string_view(read_); }
  // Drops the bytes early; view() is empty afterwards.
  void Release();

 private:
  const char* mapped_ = nullptr;
  size_t size_ = 0;
  std::string read_;
};

// Writes `content` to `path` atomically. `path` "-" writes to stdout.
Status WriteFileAtomic(const std::string& path, const std::string& content);

// Streams output produced by `produce` to `path` atomically ("-" = stdout): into a temp file next
// to it, renamed over `path` only if `produce` succeeds. The temp file is removed on failure, and
// also when SIGINT, SIGTERM or SIGHUP ends the process meanwhile.
Status WriteStreamAtomic(const std::string& path,
                         const std::function<Status(std::ostream&)>& produce);

}  // namespace policykg
