#include "eval/report.h"

#include <fmt/format.h>

#include "common/json_writer.h"
#include "eval/py_compat.h"

namespace policykg::eval {

namespace {

using JsonWriter = policykg::JsonPrettyWriter;

std::string Shown(double x) { return PythonFloatRepr(DisplayedScore(x)); }

void PrintList(std::ostream& out, const char* name, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << "  " << name << " (" << items.size() << "): ";
  for (size_t i = 0; i < items.size() && i < kMaxListedItems; ++i) {
    if (i > 0) out << "; ";
    out << items[i];
  }
  out << '\n';
}

void Score(JsonWriter& w, const char* key, double x) {
  w.Key(key);
  std::string text = Shown(x);
  w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}

void List(JsonWriter& w, const char* key, const std::vector<std::string>& items) {
  w.Key(key);
  w.StartArray();
  for (const auto& item : items) w.String(item);
  w.EndArray();
}

}  // namespace

double DisplayedScore(double x) { return PythonRound(x, kScoreDigits); }

std::string SummaryLine(const EvalReport& r) {
  const auto& e = r.entities;
  const auto& rel = r.relations;
  return fmt::format("entities P={} R={} F1={} | targets R={} | relations P={} R={} F1={}",
                     Shown(e.precision), Shown(e.recall), Shown(e.f1),
                     r.targets.recall ? Shown(*r.targets.recall) : "None", Shown(rel.precision),
                     Shown(rel.recall), Shown(rel.f1));
}

void PrintReport(std::ostream& out, const EvalReport& r) {
  PrintList(out, "entities.missed", r.entities.missed);
  PrintList(out, "entities.false_positives", r.entities.false_positives);
  PrintList(out, "entities.type_errors", r.entities.type_errors);
  PrintList(out, "targets.missed", r.targets.missed);
  PrintList(out, "relations.missed", r.relations.missed);
  PrintList(out, "relations.wrong", r.relations.wrong);
  out << SummaryLine(r) << '\n';
}

void WriteReportJson(std::ostream& out, const EvalReport& r) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("entities");
  w.StartObject();
  Score(w, "precision", r.entities.precision);
  Score(w, "recall", r.entities.recall);
  Score(w, "f1", r.entities.f1);
  w.Key("untyped_matches");
  w.Int(r.entities.untyped_matches);
  List(w, "missed", r.entities.missed);
  List(w, "false_positives", r.entities.false_positives);
  List(w, "type_errors", r.entities.type_errors);
  w.EndObject();
  w.Key("targets");
  w.StartObject();
  if (r.targets.recall) {
    Score(w, "recall", *r.targets.recall);
  } else {
    w.Key("recall");
    w.Null();
  }
  List(w, "missed", r.targets.missed);
  w.EndObject();
  w.Key("relations");
  w.StartObject();
  Score(w, "precision", r.relations.precision);
  Score(w, "recall", r.relations.recall);
  Score(w, "f1", r.relations.f1);
  List(w, "missed", r.relations.missed);
  List(w, "wrong", r.relations.wrong);
  w.EndObject();
  w.EndObject();
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  out << '\n';
}

}  // namespace policykg::eval
