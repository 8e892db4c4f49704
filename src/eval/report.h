// Output of `policykg eval`, in the formats of tools/kg_score.py so the two can be diffed:
//   PrintReport(): one "  part.list (count): a; b; …" line per non-empty list (the first 40
//     items, as the script prints them), then SummaryLine().
//   SummaryLine(): "entities P=… R=… F1=… | targets R=… | relations P=… R=… F1=…" with every
//     score rounded to 3 decimals and printed as Python prints a float ("1.0", "0.667"; "None"
//     for a target recall without gold targets).
//   WriteReportJson(): the script's --json object (same keys, same order, indent 1, rounded
//     scores, full lists).
// Data only: nothing here logs.
#pragma once

#include <ostream>
#include <string>

#include "eval/score.h"

namespace policykg::eval {

inline constexpr int kScoreDigits = 3;
inline constexpr size_t kMaxListedItems = 40;

// A score as displayed: PythonRound(x, kScoreDigits).
double DisplayedScore(double x);

std::string SummaryLine(const EvalReport& report);
void PrintReport(std::ostream& out, const EvalReport& report);
void WriteReportJson(std::ostream& out, const EvalReport& report);

}  // namespace policykg::eval
