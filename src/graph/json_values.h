// Writing attribute values with any RapidJSON writer, the same way everywhere: integral numbers as
// integers (1500, not 1500.0), other numbers as doubles, text and flags as themselves; a non-finite
// number (never produced by policykg) as the string "inf"/"nan" so the file stays valid JSON.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <variant>

#include <rapidjson/rapidjson.h>

#include "graph/model.h"

namespace policykg::graph {

template <typename Writer>
void WriteJsonKey(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// A finite double in its shortest form that reads back to the same value (std::to_chars).
// RapidJSON 1.1.0's own Writer::Double can print a neighbouring value (0.1+0.2 as …07).
template <typename Writer>
void WriteJsonDouble(Writer& w, double d) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  w.RawValue(buffer, static_cast<size_t>(result.ptr - buffer), rapidjson::kNumberType);
}

template <typename Writer>
void WriteAttrNumber(Writer& w, double d) {
  if (!std::isfinite(d)) {
    w.String(d != d ? "nan" : d > 0 ? "inf" : "-inf");  // JSON has no such numbers
  } else if (d == std::floor(d) && std::fabs(d) <= 9007199254740992.0) {  // exact up to 2^53
    w.Int64(static_cast<int64_t>(d));
  } else {
    WriteJsonDouble(w, d);
  }
}

// An attribute value, its text viewed (AttrView) or owned (AttrValue): the same bytes either way.
template <typename Writer>
void WriteAttrValueRef(Writer& w, const AttrView& value) {
  if (const auto* s = std::get_if<std::string_view>(&value)) {
    w.String(s->data(), static_cast<rapidjson::SizeType>(s->size()));
  } else if (const auto* b = std::get_if<bool>(&value)) {
    w.Bool(*b);
  } else {
    WriteAttrNumber(w, std::get<double>(value));
  }
}

template <typename Writer>
void WriteAttrValue(Writer& w, const AttrValue& value) {
  WriteAttrValueRef(w, ViewOf(value));
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

// The identity fields every JSON form of a node starts with: "id", "name", "type", "aliases".
// The caller opens the object and adds what else it needs.
// `node`: a Node or a NodeRef (graph_view.h).
template <typename Writer, typename NodeLike>
void WriteNodeIdentity(Writer& w, const NodeLike& node) {
  w.Key("id"), w.String(node.id.data(), static_cast<rapidjson::SizeType>(node.id.size()));
  w.Key("name"), w.String(node.name.data(), static_cast<rapidjson::SizeType>(node.name.size()));
  w.Key("type"), w.String(node.type.data(), static_cast<rapidjson::SizeType>(node.type.size()));
  w.Key("aliases");
  w.StartArray();
  for (const auto& alias : node.aliases) w.String(alias.data(), static_cast<rapidjson::SizeType>(alias.size()));
  w.EndArray();
}

}  // namespace policykg::graph
