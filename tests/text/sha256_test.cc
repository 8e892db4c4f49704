#include "text/sha256.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/sha256_internal.h"

namespace policykg::text {
namespace {

using HashFn = std::string (*)(std::string_view);

// Every implementation: Sha256Hex (whichever path it picked), the portable one, and SHA-NI (which
// is the portable one again on a CPU without it, so these tests run everywhere).
const std::pair<const char*, HashFn> kImplementations[] = {
    {"Sha256Hex", &Sha256Hex},
    {"portable", &internal::Sha256HexPortable},
    {"sha-ni", &internal::Sha256HexShaNi},
};

TEST(Sha256, NistVectors) {
  const std::string million(1000000, 'a');
  const std::pair<std::string, std::string> vectors[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
       "opqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {million, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& [name, hash] : kImplementations) {
    for (const auto& [message, digest] : vectors) {
      EXPECT_EQ(hash(message), digest) << name << " on " << message.size() << " bytes";
    }
  }
}

// Lengths 0..300 cross every padding case (tail of 0..63 bytes, one or two padding blocks) and
// several whole blocks; the implementations must agree on each.
TEST(Sha256, ImplementationsAgreeOnEveryShortLength) {
  std::mt19937 rng(12345);
  std::string bytes;
  for (size_t length = 0; length <= 300; ++length) {
    const std::string expected = internal::Sha256HexPortable(bytes);
    ASSERT_EQ(expected.size(), 64u);
    EXPECT_EQ(internal::Sha256HexShaNi(bytes), expected) << length << " bytes";
    EXPECT_EQ(Sha256Hex(bytes), expected) << length << " bytes";
    bytes.push_back(static_cast<char>(rng()));
  }
}

TEST(Sha256, ImplementationsAgreeOnLargeRandomBuffers) {
  std::mt19937_64 rng(777);
  for (size_t length :
       {size_t{4096}, size_t{65536} + 17, size_t{1} << 20, (size_t{3} << 20) + 55}) {
    std::string bytes(length, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const std::string expected = internal::Sha256HexPortable(bytes);
    EXPECT_EQ(internal::Sha256HexShaNi(bytes), expected) << length << " bytes";
    EXPECT_EQ(Sha256Hex(bytes), expected) << length << " bytes";
  }
}

TEST(Sha256, ShaNiDetectionMatchesThisBuild) {
#if !defined(__x86_64__)
  EXPECT_FALSE(internal::Sha256HasShaNi());
#endif
  RecordProperty("sha_ni", internal::Sha256HasShaNi() ? "yes" : "no");
}

}  // namespace
}  // namespace policykg::text
