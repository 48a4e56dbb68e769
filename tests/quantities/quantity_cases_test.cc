// The table test of the quantity stage: every line of
// tests/data/quantities/cases.tsv is a sentence and the quantities
// QuantityRecognizer::Find must return for it (issue 3). Adding a case is
// adding a line; the notation is described at the top of that file.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/rule_text.h"
#include "quantities/quantity_recognizer.h"
#include "shipped_rules.h"

namespace quarry {
namespace {

struct Expected {
  std::string dimension, unit, text, counted, per, rule;
  bool range = false;
  double value = 0, low = 0, high = 0;
  Qualifier qualifier = Qualifier::kExact;
  bool ambiguous = false;
  std::optional<double> scale;
  std::optional<int> sig;
};

struct Case {
  int line = 0;
  std::string sentence;
  std::vector<Expected> expected;
};

std::string DataPath(const std::string& name) {
  const char* env = std::getenv("QUARRY_TEST_DATA");
  return std::string(env ? env : QUARRY_TEST_DATA) + "/quantities/" + name;
}

bool ParseDouble(const std::string& s, double* out) {
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

// One expected quantity: DIMENSION VALUE|LOW..HIGH UNIT [words] "TEXT".
std::string ParseExpected(std::string_view field, Expected* e) {
  size_t quote = field.find('"');
  if (quote == std::string_view::npos || field.back() != '"' || quote + 1 >= field.size()) {
    return "expected the matched text in double quotes at the end";
  }
  e->text = std::string(field.substr(quote + 1, field.size() - quote - 2));
  std::istringstream words{std::string(field.substr(0, quote))};
  std::string value;
  if (!(words >> e->dimension >> value >> e->unit)) return "expected DIMENSION VALUE UNIT";
  size_t dots = value.find("..");
  if (dots != std::string::npos) {
    e->range = true;
    if (!ParseDouble(value.substr(0, dots), &e->low) ||
        !ParseDouble(value.substr(dots + 2), &e->high)) {
      return "bad range " + value;
    }
  } else if (!ParseDouble(value, &e->value)) {
    return "bad value " + value;
  }
  for (std::string w; words >> w;) {
    auto eq = w.find('=');
    std::string key = w.substr(0, eq), arg = eq == std::string::npos ? "" : w.substr(eq + 1);
    for (char& c : arg) c = c == '_' ? ' ' : c;
    double d = 0;
    if (eq == std::string::npos && ParseQualifier(w)) {
      e->qualifier = *ParseQualifier(w);
    } else if (w == "ambiguous") {
      e->ambiguous = true;
    } else if (key == "counted") {
      e->counted = arg;
    } else if (key == "per") {
      e->per = arg;
    } else if (key == "rule") {
      e->rule = arg;
    } else if (key == "scale" && ParseDouble(arg, &d)) {
      e->scale = d;
    } else if (key == "sig" && ParseDouble(arg, &d)) {
      e->sig = static_cast<int>(d);
    } else {
      return "unknown word " + w;
    }
  }
  return "";
}

std::vector<Case> LoadCases() {
  std::ifstream in(DataPath("cases.tsv"));
  REQUIRE(in);
  std::stringstream content;
  content << in.rdbuf();
  std::string all = content.str();
  std::vector<Case> cases;
  for (const RuleLine& line : SplitRuleLines(all)) {
    Case c;
    c.line = line.line;
    std::vector<RuleField> fields = SplitFields(line.text, '\t');
    c.sentence = std::string(fields[0].text);
    INFO("cases.tsv:" << line.line);
    REQUIRE(fields.size() >= 2);
    if (fields.size() == 2 && fields[1].text == "-") {
      cases.push_back(std::move(c));
      continue;
    }
    for (size_t i = 1; i < fields.size(); ++i) {
      Expected e;
      std::string error = ParseExpected(fields[i].text, &e);
      INFO(error);
      REQUIRE(error.empty());
      c.expected.push_back(std::move(e));
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Show(const Quantity& q) {
  std::ostringstream out;
  out << q.dimension << " ";
  if (q.value)
    out << FormatNumber(*q.value);
  else
    out << FormatNumber(q.low.value_or(0)) << ".." << FormatNumber(q.high.value_or(0));
  out << " " << q.unit;
  if (q.qualifier != Qualifier::kExact) out << " " << QualifierName(q.qualifier);
  if (!q.counted.empty()) out << " counted=" << q.counted;
  if (!q.per.empty()) out << " per=" << q.per;
  if (q.ambiguous) out << " ambiguous";
  out << " rule=" << q.rule << " scale=" << FormatNumber(q.scale) << " sig=" << q.significant_digits
      << " \"" << q.text << "\"";
  return out.str();
}

// Empty when `q` is what `e` says.
std::string Compare(const Expected& e, const Quantity& q) {
  std::vector<std::string> bad;
  if (q.dimension != e.dimension) bad.push_back("dimension");
  if (q.unit != e.unit) bad.push_back("unit");
  if (e.range) {
    if (!q.low || !q.high || *q.low != e.low || *q.high != e.high || q.value)
      bad.push_back("range");
  } else if (!q.value || *q.value != e.value || q.low || q.high) {
    bad.push_back("value");
  }
  if (q.qualifier != e.qualifier) bad.push_back("qualifier");
  if (q.counted != e.counted) bad.push_back("counted");
  if (q.per != e.per) bad.push_back("per");
  if (q.ambiguous != e.ambiguous) bad.push_back("ambiguous");
  if (!e.rule.empty() && q.rule != e.rule) bad.push_back("rule");
  if (e.scale && q.scale != *e.scale) bad.push_back("scale");
  if (e.sig && q.significant_digits != *e.sig) bad.push_back("sig");
  if (q.text != e.text) bad.push_back("text");
  std::string out;
  for (const auto& b : bad) out += (out.empty() ? "" : ", ") + b;
  return out;
}

TEST_CASE("quantity cases: every line of cases.tsv", "[quantities][cases]") {
  auto recognizer = ShippedRecognizer();
  std::vector<Case> cases = LoadCases();
  int negatives = 0, failures = 0;
  for (const Case& c : cases) {
    if (c.expected.empty()) ++negatives;
    std::vector<Quantity> found = recognizer->Find(c.sentence);
    std::string problem;
    if (found.size() != c.expected.size()) {
      problem = "expected " + std::to_string(c.expected.size()) + " quantities, found " +
                std::to_string(found.size());
    }
    for (size_t i = 0; problem.empty() && i < found.size(); ++i) {
      std::string diff = Compare(c.expected[i], found[i]);
      if (!diff.empty()) problem = "quantity " + std::to_string(i + 1) + " differs in " + diff;
      // The span must cover exactly the text.
      if (problem.empty() &&
          c.sentence.substr(found[i].span.begin, found[i].span.size()) != found[i].text) {
        problem = "span does not match text";
      }
    }
    if (!problem.empty()) {
      ++failures;
      std::string got;
      for (const Quantity& q : found) got += "\n    " + Show(q);
      FAIL_CHECK("cases.tsv:" << c.line << ": " << problem << "\n  sentence: " << c.sentence
                              << "\n  found:" << (got.empty() ? " nothing" : got));
    }
  }
  INFO(cases.size() << " cases, " << negatives << " negatives, " << failures << " failures");
  CHECK(cases.size() >= 400);
  CHECK(negatives >= 80);
  CHECK(failures == 0);
}

}  // namespace
}  // namespace quarry
