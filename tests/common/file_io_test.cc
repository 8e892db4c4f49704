#include "common/file_io.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include "test_util.h"

namespace policykg {
namespace {

using policykg::testing::TempPath;
using policykg::testing::WriteTemp;

TEST(FileBytes, SameBytesAsReadFileBytes) {
  // Sizes around a page: the mapping must not show what lies past the end of the file.
  for (size_t size : {1u, 100u, 4095u, 4096u, 4097u, 100000u}) {
    std::string content(size, 'x');
    for (size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + i % 26);
    std::string path = WriteTemp("file_bytes_" + std::to_string(size) + ".txt", content);
    auto file = FileBytes::Open(path);
    ASSERT_TRUE(file.ok()) << file.error().ToString();
    EXPECT_EQ(file->view(), content) << size;
    EXPECT_EQ(file->view(), *ReadFileBytes(path));
    FileBytes moved = std::move(file).value();
    EXPECT_EQ(moved.view(), content) << "a move keeps the bytes";
    moved.Release();
    EXPECT_TRUE(moved.view().empty());
  }
}

TEST(FileBytes, EmptyFileAndSpecialFiles) {
  auto empty = FileBytes::Open(WriteTemp("file_bytes_empty.txt", ""));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->view().empty());
  auto proc = FileBytes::Open("/proc/self/status");  // reports size 0: read, not mapped
  ASSERT_TRUE(proc.ok());
  EXPECT_NE(proc->view().find("Name:"), std::string_view::npos);
}

TEST(FileBytes, ErrorsAreThoseOfReadFileBytes) {
  for (const std::string& path : {TempPath("file_bytes_missing.txt"), TempPath("")}) {
    auto mapped = FileBytes::Open(path);
    auto read = ReadFileBytes(path);
    ASSERT_FALSE(mapped.ok());
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(mapped.error().ToString(), read.error().ToString());
  }
}

TEST(WriteStreamAtomic, SignalMeanwhileRemovesTheTempFileAndKeepsThePreviousFile) {
  const std::string path = TempPath("signalled.txt");
  ASSERT_TRUE(WriteFileAtomic(path, "previous").ok());
  EXPECT_EXIT(
      {
        Status never = WriteStreamAtomic(path, [&](std::ostream& out) {
          out << "partial" << std::flush;
          if (!std::filesystem::exists(path + ".tmp." + std::to_string(::getpid()))) std::_Exit(3);
          std::raise(SIGTERM);
          return Status::Ok();
        });
        std::_Exit(never.ok() ? 4 : 5);
      },
      ::testing::KilledBySignal(SIGTERM), "");
  EXPECT_EQ(*ReadFileBytes(path), "previous");
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(path).parent_path())) {
    EXPECT_EQ(entry.path().filename().string().find("signalled.txt.tmp."), std::string::npos)
        << entry.path();
  }
}

TEST(WriteStreamAtomic, RestoresTheSignalHandlers) {
  struct sigaction mine {
  }, before{}, after{};
  mine.sa_handler = [](int) {};
  sigemptyset(&mine.sa_mask);
  ASSERT_EQ(::sigaction(SIGHUP, &mine, &before), 0);
  ASSERT_TRUE(WriteFileAtomic(TempPath("handlers.txt"), "x").ok());
  ASSERT_EQ(::sigaction(SIGHUP, &before, &after), 0);
  EXPECT_EQ(after.sa_handler, mine.sa_handler);
}

}  // namespace
}  // namespace policykg
