// UTF-8 <-> code points. Strict decoding reports the byte offset of the first bad sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace policykg {

// Decodes valid UTF-8; on failure returns nullopt and sets *bad_offset to the first bad byte.
std::optional<std::u32string> DecodeUtf8Strict(std::string_view bytes, size_t* bad_offset);
// True when `bytes` is valid UTF-8 (no overlong forms, surrogates or code points above U+10FFFF):
// the check DecodeUtf8Strict makes, without decoding.
bool IsValidUtf8(std::string_view bytes);
// Decodes, replacing bad sequences with U+FFFD (for strings already known to be sane).
std::u32string DecodeUtf8Lenient(std::string_view bytes);
void AppendUtf8(char32_t cp, std::string& out);
std::string EncodeUtf8(std::u32string_view text);

// Characters that print as nothing or reorder the text around them, so two names differing only
// in them look alike: Unicode's controls (Cc) and format characters (Cf: soft hyphen, zero-width
// space and joiners, bidi marks, embeddings, overrides and isolates, BOM, tags …), the line and
// paragraph separators, and the noncharacters U+FFFE and U+FFFF (not XML).
bool IsControlOrFormat(char32_t cp);

// The code point index in `utf8` of the first IsControlOrFormat character (tab, newline and
// carriage return allowed when `allow_whitespace`), with that character; nullopt if none.
// Invalid UTF-8 is not looked at (its bytes decode as U+FFFD).
std::optional<std::pair<size_t, char32_t>> FindControlOrFormat(std::string_view utf8,
                                                                bool allow_whitespace);

// `text` safe to print on a terminal: IsControlOrFormat characters as \x1b or \u{202e}, and
// bytes of invalid UTF-8 as \xNN; backslashes are kept as they are. Same bytes when none is there.
std::string EscapeControls(std::string_view text);

}  // namespace policykg
