// The SHA-256 implementations behind Sha256Hex, exposed so tests and benchmarks can check and time
// each one on any machine. Sha256Hex picks the SHA-NI one when the CPU has it, else the portable.
#pragma once

#include <string>
#include <string_view>

namespace policykg::text::internal {

// Plain C++, any CPU.
std::string Sha256HexPortable(std::string_view bytes);

// True when this is an x86-64 build and the CPU has the SHA extensions (plus SSSE3 and SSE4.1).
bool Sha256HasShaNi();
// The SHA-NI implementation; falls back to the portable one when !Sha256HasShaNi().
std::string Sha256HexShaNi(std::string_view bytes);

}  // namespace policykg::text::internal
