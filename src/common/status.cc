#include "common/status.h"

#include <fmt/format.h>

namespace policykg {

std::string Error::ToString() const {
  if (file.empty()) return message;
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}: {}", file, line, column, message);
  if (line > 0) return fmt::format("{}:{}: {}", file, line, message);
  if (byte_offset >= 0) return fmt::format("{}: byte {}: {}", file, byte_offset, message);
  return fmt::format("{}: {}", file, message);
}

Error MakeError(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

Error MakeFileError(std::string file, std::string message) {
  Error e;
  e.file = std::move(file);
  e.message = std::move(message);
  return e;
}

Error MakeFileError(std::string file, int line, int column, std::string message) {
  Error e = MakeFileError(std::move(file), std::move(message));
  e.line = line;
  e.column = column;
  return e;
}

}  // namespace policykg
