// File helpers: whole-file reads with clear errors, and atomic writes (temp file + rename) so a
// failed or interrupted run never leaves a half-written output in place.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace policykg {

// The most bytes read from one input (a pipe can hold anything; a regular file says its size).
inline constexpr size_t kMaxInputBytes = size_t{16} << 30;

// Reads a whole file as bytes: a regular file or a pipe, at most `max_bytes`. Errors: missing,
// unreadable, a directory, a device or socket (/dev/zero would be read forever), more than
// `max_bytes`, a file that shrank while it was read.
Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes = kMaxInputBytes);

// The same, appended to `out` (left as it was on an error).
Status AppendFileBytes(const std::string& path, std::string& out,
                       size_t max_bytes = kMaxInputBytes);

// The same for a file this user keeps for itself (a cache): a regular file owned by this user,
// never read through a symlink (a file or link another user could have planted is refused).
Result<std::string> ReadPrivateFileBytes(const std::string& path,
                                         size_t max_bytes = kMaxInputBytes);

// A whole file's bytes, read-only, read into an uninitialized buffer (no zero fill). Not a
// mapping: a file truncated while mapped would end the process with SIGBUS. Same errors as
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

  std::string_view view() const { return std::string_view(data_.get(), size_); }
  // Drops the bytes early; view() is empty afterwards.
  void Release();

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
};

// Writes `content` to `path` atomically. `path` "-" writes to stdout.
Status WriteFileAtomic(const std::string& path, const std::string& content);

// Streams output produced by `produce` to `path` atomically ("-" = stdout): into a temp file next
// to it, renamed over `path` only if `produce` succeeds. The temp file is removed on failure, and
// also when SIGINT, SIGTERM or SIGHUP ends the process meanwhile. The temp file's name is
// unpredictable and it is created with O_EXCL | O_NOFOLLOW (a planted link is never followed);
// it takes an existing output's mode (and owner, when run as root). Temp files of this output
// left by a process that no longer runs (SIGKILL) are removed first. A device or FIFO (/dev/null)
// is written in place.
Status WriteStreamAtomic(const std::string& path,
                         const std::function<Status(std::ostream&)>& produce);

// Error when `output` (if it exists) is the same file as one of `inputs` (same device and inode:
// hard links and symlinks count): writing it would destroy an input. "-" is never an input.
Status CheckOutputIsNotInput(const std::string& output, const std::vector<std::string>& inputs);

// A name for a temp file or folder next to `target`: "<target>.tmp.<pid>.<random>".
std::string TempNameFor(const std::string& target);

// Removes, in the folder of `target`, the temp files and folders named by TempNameFor(target)
// whose process no longer runs, owned by this user and never through a symlink. A folder is
// removed only when it holds nothing but regular files named in `folder_files`.
void RemoveStaleTemps(const std::string& target, const std::vector<std::string>& folder_files = {});

// An ostream writing to a file descriptor it does not own; fail() after a write error. Bytes
// still buffered are written by flush(), not by the destructor.
class FdOStream : public std::ostream {
 public:
  explicit FdOStream(int fd);
  ~FdOStream() override;

 private:
  class Buf;
  std::unique_ptr<Buf> buf_;
};

}  // namespace policykg
