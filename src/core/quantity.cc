// Exports QualifierName, ParseQualifier and FormatNumber.
#include "core/quantity.h"

#include <charconv>
#include <cmath>

namespace quarry {

const char* QualifierName(Qualifier q) {
  switch (q) {
    case Qualifier::kExact: return "";
    case Qualifier::kApprox: return "approx";
    case Qualifier::kAtLeast: return "at_least";
    case Qualifier::kMoreThan: return "more_than";
    case Qualifier::kAtMost: return "at_most";
    case Qualifier::kLessThan: return "less_than";
  }
  return "";
}

std::optional<Qualifier> ParseQualifier(std::string_view name) {
  for (Qualifier q : {Qualifier::kExact, Qualifier::kApprox, Qualifier::kAtLeast,
                      Qualifier::kMoreThan, Qualifier::kAtMost, Qualifier::kLessThan}) {
    if (name == QualifierName(q)) return q;
  }
  if (name == "exact") return Qualifier::kExact;
  return std::nullopt;
}

std::string FormatNumber(double v) {
  if (std::isnan(v) || std::isinf(v)) return "null";
  // Integers up to 2^53 print in plain digits ("1600000000"), the way a reader
  // writes them; everything else in the shortest round-trip form.
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    return std::string(buf, r.ptr);
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace quarry
