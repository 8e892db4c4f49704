#include "common/file_io.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace policykg
