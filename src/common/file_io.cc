#include "common/file_io.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policykg {

namespace fs = std::filesystem;

namespace {

// What kind of file `st` is, for "not a regular file" errors.
const char* FileKind(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

// Closes a file descriptor at scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Opens `path` for reading if it is a regular file or a pipe; fills `st`.
Result<int> OpenInput(const std::string& path, struct stat& st) {
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return MakeFileError(path, "no such file");
    return MakeFileError(path, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) return MakeFileError(path, "is a directory, expected a file");
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    return MakeFileError(path, fmt::format("is {}, not a regular file; refusing to read it",
                                           FileKind(st.st_mode)));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeFileError(path, fmt::format("cannot open: {}", std::strerror(errno)));
  if (::fstat(fd, &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))) {
    ::close(fd);  // replaced between stat and open
    return MakeFileError(path, "is not a regular file; refusing to read it");
  }
  return fd;
}

// Reads until end of file into `buffer` (grown through `grow(new_capacity)`, which keeps the
// bytes so far and returns the buffer): a regular file's size as fstat gave it, then anything it
// grew by; at most `max_bytes`. A regular file that ends before its size shrank while read.
template <typename Grow>
Result<size_t> ReadAll(const std::string& path, int fd, const struct stat& st, size_t max_bytes,
                       Grow&& grow) {
  const bool regular = S_ISREG(st.st_mode);
  const size_t expected = regular ? static_cast<size_t>(st.st_size) : 0;
  if (expected > max_bytes) {
    return MakeFileError(path, fmt::format("too large: {} bytes (at most {} are read)", expected,
                                           max_bytes));
  }
  size_t capacity = std::max<size_t>(expected + 1, 1 << 16);  // +1: a read of 0 confirms the end
  char* data = grow(capacity);
  size_t size = 0;
  for (;;) {
    if (size == capacity) {
      if (capacity > max_bytes) {
        return MakeFileError(path, fmt::format("more than {} bytes; refusing to read further",
                                               max_bytes));
      }
      capacity = std::min(capacity * 2, max_bytes + 1);
      data = grow(capacity);
    }
    ssize_t n = ::read(fd, data + size, capacity - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return MakeFileError(path, fmt::format("read error: {}", std::strerror(errno)));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  if (size > max_bytes) {
    return MakeFileError(path, fmt::format("more than {} bytes; refusing to read further", max_bytes));
  }
  if (regular && size < expected) {
    return MakeFileError(path, fmt::format("changed while being read: {} bytes, then {}; read it again",
                                           expected, size));
  }
  return size;
}

// Appends what `fd` (opened on `path`, described by `st`) holds to `out`; `out` is left as it was
// on an error.
Status AppendFromFd(const std::string& path, int fd, const struct stat& st, std::string& out,
                    size_t max_bytes) {
  const size_t base = out.size();
  auto size = ReadAll(path, fd, st, max_bytes, [&](size_t capacity) {
    out.resize(base + capacity);
    return out.data() + base;
  });
  if (!size.ok()) {
    out.resize(base);
    return size.error();
  }
  out.resize(base + *size);
  return Status::Ok();
}

}  // namespace

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  std::string data;
  Status read = AppendFileBytes(path, data, max_bytes);
  if (!read.ok()) return read.error();
  return data;
}

Status AppendFileBytes(const std::string& path, std::string& out, size_t max_bytes) {
  struct stat st {};
  auto fd = OpenInput(path, st);
  if (!fd.ok()) return fd.error();
  FdCloser closer{*fd};
  return AppendFromFd(path, *fd, st, out, max_bytes);
}

Result<std::string> ReadPrivateFileBytes(const std::string& path, size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return MakeFileError(path, fmt::format("cannot open: {}", std::strerror(errno)));
  FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return MakeFileError(path, fmt::format("cannot stat: {}", std::strerror(errno)));
  if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid())
    return MakeFileError(path, "not a regular file of this user; refusing to read it");
  std::string data;
  Status read = AppendFromFd(path, fd, st, data, max_bytes);
  if (!read.ok()) return read.error();
  return data;
}

Result<FileBytes> FileBytes::Open(const std::string& path) {
  struct stat st {};
  auto fd = OpenInput(path, st);
  if (!fd.ok()) return fd.error();
  FdCloser closer{*fd};
  FileBytes file;
  size_t used = 0;
  auto size = ReadAll(path, *fd, st, kMaxInputBytes, [&](size_t capacity) {
    // new char[] leaves the bytes uninitialized: no zero fill of a file-sized buffer.
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (file.data_) std::memcpy(bigger.get(), file.data_.get(), used);
    file.data_ = std::move(bigger);
    used = capacity;
    return file.data_.get();
  });
  if (!size.ok()) return size.error();
  file.size_ = *size;
  return file;
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void FileBytes::Release() {
  data_.reset();
  size_ = 0;
}

namespace {

// The temp file being written, removed when SIGINT, SIGTERM or SIGHUP ends the process (an
// interrupted build leaves no half-written file behind); signals the process ignored stay ignored.
std::atomic<const char*> temp_being_written{nullptr};

extern "C" void RemoveTempFileAndDie(int signal_number) {
  if (const char* path = temp_being_written.exchange(nullptr)) ::unlink(path);
  std::raise(signal_number);  // SA_RESETHAND: the default action, which ends the process
}

class TempFileCleanup {
 public:
  explicit TempFileCleanup(const std::string& path) {
    temp_being_written = path.c_str();
    struct sigaction action {};
    action.sa_handler = RemoveTempFileAndDie;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < std::size(kSignals); ++i) {
      ::sigaction(kSignals[i], nullptr, &previous_[i]);
      if (previous_[i].sa_handler != SIG_IGN) ::sigaction(kSignals[i], &action, nullptr);
    }
  }
  ~TempFileCleanup() {
    for (size_t i = 0; i < std::size(kSignals); ++i)
      ::sigaction(kSignals[i], &previous_[i], nullptr);
    temp_being_written = nullptr;
  }
  TempFileCleanup(const TempFileCleanup&) = delete;
  TempFileCleanup& operator=(const TempFileCleanup&) = delete;

 private:
  static constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction previous_[std::size(kSignals)]{};
};

}  // namespace

class FdOStream::Buf : public std::streambuf {
 public:
  // The buffer is not zero-filled: a small output touches only the pages it writes.
  explicit Buf(int fd) : fd_(fd), buffer_(std::make_unique_for_overwrite<char[]>(kSize)) { setp(buffer_.get(), buffer_.get() + kSize); }

 protected:
  int_type overflow(int_type ch) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return Drain() ? 0 : -1; }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(kSize)) {  // large writes go straight out
      if (!Drain() || !WriteAll(s, static_cast<size_t>(n))) return 0;
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }

 private:
  bool Drain() {
    size_t n = static_cast<size_t>(pptr() - pbase());
    setp(buffer_.get(), buffer_.get() + kSize);
    return WriteAll(buffer_.get(), n);
  }
  bool WriteAll(const char* s, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd_, s, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      s += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  }
  int fd_;
  static constexpr size_t kSize = 1 << 20;
  std::unique_ptr<char[]> buffer_;
};

FdOStream::FdOStream(int fd) : std::ostream(nullptr), buf_(std::make_unique<Buf>(fd)) { rdbuf(buf_.get()); }
FdOStream::~FdOStream() = default;

std::string TempNameFor(const std::string& target) {
  static std::mt19937_64 random([] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device() ^
           static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }());
  return fmt::format("{}.tmp.{}.{:016x}", target, static_cast<long>(::getpid()), random());
}

void RemoveStaleTemps(const std::string& target, const std::vector<std::string>& folder_files) {
  fs::path path(target);
  fs::path dir = path.parent_path();
  const std::string prefix = path.filename().string() + ".tmp.";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    // <pid>.<16 hex digits>, exactly as TempNameFor writes it
    std::string_view rest = std::string_view(name).substr(prefix.size());
    size_t dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0 || rest.size() - dot - 1 != 16) continue;
    std::string_view pid_text = rest.substr(0, dot), hex = rest.substr(dot + 1);
    if (!std::all_of(pid_text.begin(), pid_text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        !std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c)); }) ||
        pid_text.size() > 9) {
      continue;
    }
    long pid = std::stol(std::string(pid_text));
    if (pid == static_cast<long>(::getpid()) || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    struct stat st {};
    if (::lstat(entry.path().c_str(), &st) != 0 || st.st_uid != ::geteuid()) continue;
    if (S_ISREG(st.st_mode)) {
      if (::unlink(entry.path().c_str()) == 0) spdlog::debug("removed a stale temp file {}", entry.path().string());
    } else if (S_ISDIR(st.st_mode)) {
      // only a folder this tool writes: regular files with the expected names, nothing else
      bool ours = true;
      std::vector<fs::path> files;
      std::error_code list_ec;
      for (const auto& inner : fs::directory_iterator(entry.path(), list_ec)) {
        struct stat inner_st {};
        std::string inner_name = inner.path().filename().string();
        if (::lstat(inner.path().c_str(), &inner_st) != 0 || !S_ISREG(inner_st.st_mode) ||
            std::find(folder_files.begin(), folder_files.end(), inner_name) == folder_files.end()) {
          ours = false;
          break;
        }
        files.push_back(inner.path());
      }
      if (!ours || list_ec) continue;
      for (const auto& f : files) ::unlink(f.c_str());
      if (::rmdir(entry.path().c_str()) == 0) spdlog::debug("removed a stale temp folder {}", entry.path().string());
    }
  }
}

Status CheckOutputIsNotInput(const std::string& output, const std::vector<std::string>& inputs) {
  if (output == "-") return Status::Ok();
  struct stat out {};
  if (::stat(output.c_str(), &out) != 0) return Status::Ok();  // a new file is no input
  if (!S_ISREG(out.st_mode) && !S_ISDIR(out.st_mode)) return Status::Ok();  // /dev/null, a FIFO
  for (const auto& input : inputs) {
    if (input == "-") continue;
    struct stat in {};
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      return MakeFileError(output, fmt::format("the output is also an input ({}); refusing to overwrite it", input));
    }
  }
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, const std::string& content) {
  return WriteStreamAtomic(path, [&](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return Status::Ok();
  });
}

Status WriteStreamAtomic(const std::string& path,
                         const std::function<Status(std::ostream&)>& produce) {
  if (path == "-") {
    Status st = produce(std::cout);
    std::cout.flush();
    if (!st.ok()) return st;
    if (!std::cout) return MakeError(fmt::format("cannot write to stdout: {}", std::strerror(errno)));
    return Status::Ok();
  }
  fs::path target(path);
  fs::path dir = target.parent_path();
  std::error_code ec;
  if (!dir.empty() && !fs::is_directory(dir, ec)) {
    return MakeFileError(path, "output directory does not exist");
  }
  struct stat existing {};
  const bool exists = ::stat(path.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) return MakeFileError(path, "is a directory");
  if (exists && (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode))) {
    // /dev/null, /dev/stdout, a FIFO: nothing to replace, write in place
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return MakeFileError(path, fmt::format("cannot write: {}", std::strerror(errno)));
    FdCloser closer{fd};
    FdOStream out(fd);
    Status st = produce(out);
    out.flush();
    if (!st.ok()) return st;
    if (!out) return MakeFileError(path, fmt::format("write error: {}", std::strerror(errno)));
    return Status::Ok();
  }
  if (exists && !S_ISREG(existing.st_mode)) return MakeFileError(path, "exists and is not a regular file");
  RemoveStaleTemps(path);
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = TempNameFor(path);
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return MakeFileError(path, fmt::format("cannot write: {}", std::strerror(errno)));
  TempFileCleanup cleanup(tmp);
  auto fail = [&](Error error) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return error;
  };
  if (exists) {  // keep the replaced file's mode (and owner, which only root can give)
    if (::geteuid() == 0) (void)!::fchown(fd, existing.st_uid, existing.st_gid);
    if (::fchmod(fd, existing.st_mode & 07777) != 0) {
      return fail(MakeFileError(path, fmt::format("cannot keep the mode: {}", std::strerror(errno))));
    }
  }
  {
    FdOStream out(fd);
    Status st = produce(out);
    out.flush();
    if (!st.ok()) return fail(st.error());
    if (!out) return fail(MakeFileError(path, fmt::format("write error: {}", std::strerror(errno))));
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return MakeFileError(path, fmt::format("write error: {}", std::strerror(errno)));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(tmp.c_str());
    return MakeFileError(path, fmt::format("cannot replace: {}", std::strerror(error)));
  }
  return Status::Ok();
}

}  // namespace policykg
