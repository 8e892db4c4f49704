#include "common/file_io.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policykg {

namespace fs = std::filesystem;

Result<std::string> ReadFileBytes(const std::string& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return MakeFileError(path, "no such file");
  if (fs::is_directory(status)) return MakeFileError(path, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeFileError(path, fmt::format("cannot open: {}", std::strerror(errno)));
  std::string data;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(data.data(), size);
  } else {  // Special files (pipes, /proc) report no size: read in chunks.
    in.clear();
    in.seekg(0, std::ios::beg);
    std::ostringstream buf;
    buf << in.rdbuf();
    data = buf.str();
  }
  if (in.bad()) return MakeFileError(path, "read error");
  return data;
}

Result<FileBytes> FileBytes::Open(const std::string& path) {
  FileBytes file;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (p != MAP_FAILED) {
      ::madvise(p, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
      file.mapped_ = static_cast<const char*>(p);
      file.size_ = static_cast<size_t>(st.st_size);
      return file;
    }
  } else if (fd >= 0) {
    ::close(fd);
  }
  auto bytes = ReadFileBytes(path);  // also gives the errors: missing, a directory, unreadable
  if (!bytes.ok()) return bytes.error();
  file.read_ = std::move(bytes).value();
  return file;
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)), size_(std::exchange(other.size_, 0)), read_(std::move(other.read_)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    Release();
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
    read_ = std::move(other.read_);
  }
  return *this;
}

void FileBytes::Release() {
  if (mapped_) ::munmap(const_cast<char*>(mapped_), size_);
  mapped_ = nullptr;
  size_ = 0;
  std::string().swap(read_);
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
    if (!std::cout) return MakeError("cannot write to stdout");
    return Status::Ok();
  }
  fs::path target(path);
  fs::path dir = target.parent_path();
  std::error_code ec;
  if (!dir.empty() && !fs::is_directory(dir, ec)) {
    return MakeFileError(path, "output directory does not exist");
  }
  if (fs::is_directory(target, ec)) return MakeFileError(path, "is a directory");
  std::string tmp = fmt::format("{}.tmp.{}", path, static_cast<long>(::getpid()));
  TempFileCleanup cleanup(tmp);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return MakeFileError(path, fmt::format("cannot write: {}", std::strerror(errno)));
    Status st = produce(out);
    out.flush();
    if (!st.ok() || !out) {
      out.close();
      fs::remove(tmp, ec);
      if (!st.ok()) return st;
      return MakeFileError(path, "write error (disk full?)");
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return MakeFileError(path, fmt::format("cannot replace: {}", ec.message()));
  }
  return Status::Ok();
}

}  // namespace policykg
