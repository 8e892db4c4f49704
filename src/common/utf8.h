// UTF-8 <-> code points. Strict decoding reports the byte offset of the first bad sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace policykg {

// Decodes valid UTF-8; on failure returns nullopt and sets *bad_offset to the first bad byte.
std::optional<std::u32string> DecodeUtf8Strict(std::string_view bytes, size_t* bad_offset);
// Decodes, replacing bad sequences with U+FFFD (for strings already known to be sane).
std::u32string DecodeUtf8Lenient(std::string_view bytes);
void AppendUtf8(char32_t cp, std::string& out);
std::string EncodeUtf8(std::u32string_view text);

}  // namespace policykg
