// Writing attribute values with any RapidJSON writer, the same way everywhere: integral numbers as
// integers (1500, not 1500.0), other numbers as doubles, text and flags as themselves.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include <rapidjson/rapidjson.h>

#include "graph/model.h"

namespace policykg::graph {

template <typename Writer>
void WriteJsonKey(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

template <typename Writer>
void WriteAttrValue(Writer& w, const AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    w.String(s->data(), static_cast<rapidjson::SizeType>(s->size()));
  } else if (const auto* b = std::get_if<bool>(&value)) {
    w.Bool(*b);
  } else {
    const double d = std::get<double>(value);
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
      w.Int64(static_cast<int64_t>(d));
    } else {
      w.Double(d);
    }
  }
}

template <typename Writer>
void WriteAttributes(Writer& w, const Attributes& attributes) {
  w.StartObject();
  for (const auto& [key, value] : attributes) {
    WriteJsonKey(w, key);
    WriteAttrValue(w, value);
  }
  w.EndObject();
}

}  // namespace policykg::graph
