#include "common/hash64.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>

namespace policykg {
namespace {

// Reference values of XXH64 with seed 0 (xxhsum -H1; python-xxhash's documented example).
TEST(Hash64, MatchesReferenceValues) {
  EXPECT_EQ(Hash64(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(Hash64("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(Hash64("abc"), 0x44BC2CF5AD770999ULL);
  EXPECT_EQ(Hash64("Nobody inspects the spammish repetition"), 0xFBCEA83C8A378BF1ULL);
}

TEST(Hash64, StreamEqualsOneShotForAnySplit) {
  std::mt19937 random(7);
  std::string bytes(1000, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  for (size_t n : {0, 1, 31, 32, 33, 63, 64, 65, 200, 1000}) {
    const std::string_view whole(bytes.data(), n);
    for (int trial = 0; trial < 20; ++trial) {
      Hash64Stream stream;
      size_t at = 0;
      while (at < n) {
        const size_t piece = std::min<size_t>(n - at, random() % 70);
        stream.Update(whole.substr(at, piece));
        at += piece;
      }
      EXPECT_EQ(stream.Digest(), Hash64(whole)) << "n=" << n;
      EXPECT_EQ(stream.size(), n);
    }
  }
}

TEST(Hash64, OStreamPassesBytesOnAndHashesThem) {
  std::ostringstream target;
  Hash64OStream hashed(target);
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    hashed << 'x' << i;
    expected += 'x' + std::to_string(i);
  }
  const std::string big(200000, 'y');  // larger than the buffer: passed straight through
  hashed.write(big.data(), static_cast<std::streamsize>(big.size()));
  expected += big;
  hashed.flush();
  EXPECT_EQ(target.str(), expected);
  EXPECT_EQ(hashed.Digest(), Hash64(expected));
  EXPECT_EQ(hashed.size(), expected.size());
}

}  // namespace
}  // namespace policykg
