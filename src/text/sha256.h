// SHA-256 of a byte string, as lowercase hex (documents are identified by the hash of their bytes).
#pragma once

#include <string>
#include <string_view>

namespace policykg::text {

std::string Sha256Hex(std::string_view bytes);

}  // namespace policykg::text
