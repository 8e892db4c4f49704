// Turns the bytes of an input file into code points: UTF-8 (BOM stripped) or, when the bytes are
// not UTF-8, GB18030/GBK (official files often are). Binary, empty and undecodable input is an
// error with the byte offset of the first bad sequence.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace policykg::text {

struct DecodedText {
  std::u32string text;
  std::string encoding;  // "UTF-8" or "GB18030"
};

// `origin` names the input in errors.
Result<DecodedText> DecodeBytes(std::string_view bytes, const std::string& origin);

}  // namespace policykg::text
