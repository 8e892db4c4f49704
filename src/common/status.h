// Status and Result<T>: expected bad input is reported as a value, never thrown.
// An Error carries where it happened (file, line, column or byte offset) and a one-line message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace policykg {

struct Error {
  std::string file;      // empty when the error is not about a file
  int line = 0;          // 1-based; 0 = unknown
  int column = 0;        // 1-based, in code points; 0 = unknown
  int64_t byte_offset = -1;  // for binary-level errors (invalid UTF-8)
  std::string message;

  // "file:line:col: message", "file: byte N: message" or "file: message".
  std::string ToString() const;
};

Error MakeError(std::string message);
Error MakeFileError(std::string file, std::string message);
Error MakeFileError(std::string file, int line, int column, std::string message);

// Holds either a value or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

// A Result without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return Status(); }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace policykg

#define POLICYKG_RETURN_IF_ERROR(expr)        \
  do {                                        \
    auto _st = (expr);                        \
    if (!_st.ok()) return _st.error();        \
  } while (0)
