// Tests of the quantity rule files (src/quantities/quantity_rules.cc,
// form_set.cc): every kind of bad line gives one exact
// "file:line:col: error: ..." diagnostic and no recognizer; good lines
// mean what the file headers say.
#include <catch2/catch.hpp>

#include "quantities/quantity_recognizer.h"

namespace quarry {
namespace {

constexpr char kUnits[] =
    "dimension power | W\n"
    "unit GW | power | 1e9 W | after: GW, gigawatt\n";
constexpr char kNumbers[] =
    "scale billion | 1e9 | words: billion | short: bn\n"
    "number one | 1 | one\n";
constexpr char kQualifiers[] = "before approx | about\n";

struct BadRules {
  std::string units, numbers, qualifiers;
  std::vector<std::string> diagnostics;
};

std::vector<std::string> Diagnose(const std::string& units, const std::string& numbers,
                                  const std::string& qualifiers, bool* created) {
  RuleFiles files;
  files.Add("units.rules", units);
  files.Add("numbers.rules", numbers);
  files.Add("qualifiers.rules", qualifiers);
  DiagnosticSink sink;
  auto recognizer = QuantityRecognizer::Create(files, &sink);
  *created = recognizer != nullptr;
  std::vector<std::string> out;
  for (const auto& d : sink.diagnostics()) out.push_back(d.ToString());
  return out;
}

TEST_CASE("quantity rules: each bad line is reported with file, line and column",
          "[quantities][rules]") {
  const std::string u = kUnits;
  const std::vector<BadRules> table = {
      {u + "count GPU | GPU, /(H100/\n", kNumbers, kQualifiers,
       {"units.rules:3:18: error: bad regex /(H100/: missing ): (H100"}},
      {u + "unit ft | lenght | 0.3048 m | after: ft\n", kNumbers, kQualifiers,
       {"units.rules:3:11: error: unknown dimension \"lenght\" (declared: power)"}},
      {u + "unit GW | power | 1e9 W | after: GWatt\n", kNumbers, kQualifiers,
       {"units.rules:3:6: error: duplicate unit \"GW\" (first defined at line 2)"}},
      {u + "unit MW | power | 1e6 W | after: MW, gigawatt\n", kNumbers, kQualifiers,
       {"units.rules:3:38: error: form gigawatt already belongs to unit \"GW\" (line 2)"}},
      {u + "count GPU | GPU\ncount GPU | GPUs\n", kNumbers, kQualifiers,
       {"units.rules:4:7: error: duplicate counted noun \"GPU\" (first defined at line 3)"}},
      {u + "unit kW | power | 1e3x W | after: kW\n", kNumbers, kQualifiers,
       {"units.rules:3:19: error: bad factor \"1e3x\": expected a decimal number such as 1e9 or "
        "0.09290304"}},
      {u + "unit kW | power | 0 W | after: kW\n", kNumbers, kQualifiers,
       {"units.rules:3:19: error: factor \"0\" must be positive"}},
      {u + "unit GWh | power | 1e9 Wh | after: GWh\n", kNumbers, kQualifiers,
       {"units.rules:3:24: error: base unit \"Wh\" does not match dimension \"power\", which is "
        "measured in \"W\""}},
      {u + "unit kW | power | 1e3 | after: kW\n", kNumbers, kQualifiers,
       {"units.rules:3:22: error: missing base unit after the factor \"1e3\""}},
      {u + "unit kW | power | 1e3 W | kW\n", kNumbers, kQualifiers,
       {"units.rules:3:27: error: expected \"before:\" or \"after:\" in front of the forms"}},
      {u + "unit kW | power\n", kNumbers, kQualifiers,
       {"units.rules:3:1: error: expected: unit ID | DIMENSION | FACTOR BASE | before: FORMS | "
        "after: FORMS"}},
      {u + "unti kW | power | 1e3 W | after: kW\n", kNumbers, kQualifiers,
       {"units.rules:3:1: error: unknown keyword \"unti\" in units.rules"}},
      {u + "modifier | /x*/\n", kNumbers, kQualifiers,
       {"units.rules:3:12: error: regex /x*/ matches the empty string"}},
      {u + "count GPU | \"GPU\n", kNumbers, kQualifiers,
       {"units.rules:3:13: error: unterminated quote in form \"GPU"}},
      {u + "count GPU | GPU,, GPUs\n", kNumbers, kQualifiers,
       {"units.rules:3:17: error: empty form in counted noun \"GPU\""}},
      {u + "max-modifiers | 9\n", kNumbers, kQualifiers,
       {"units.rules:3:17: error: bad max-modifiers \"9\": expected 0 to 5"}},
      {u, std::string(kNumbers) + "number million | 1000000 | million\n", kQualifiers,
       {"numbers.rules:3:18: error: bad number value \"1000000\": expected 0 to 19, a multiple "
        "of ten up to 90, or 100 (larger words are scales)"}},
      {u, std::string(kNumbers) + "scale k | 1e3 | abbr: k\n", kQualifiers,
       {"numbers.rules:3:17: error: expected \"words:\" or \"short:\" in front of the forms"}},
      {u, std::string(kNumbers) + "sign minus | -2 | -\n", kQualifiers,
       {"numbers.rules:3:14: error: bad sign \"-2\": expected -1 or +1"}},
      {u, std::string(kNumbers) + "range from | from | to | before: ranging\n", kQualifiers,
       {"numbers.rules:3:26: error: expected \"after:\" in front of the forms"}},
      {u, std::string(kNumbers) + "label | [Tt]ier\n", kQualifiers, {}},  // A literal, not a regex.
      {u, kNumbers, "before roughly | about\n",
       {"qualifiers.rules:1:8: error: unknown qualifier \"roughly\" (expected exact, approx, "
        "at_least, more_than, at_most or less_than)"}},
      {u, kNumbers, "around approx | about\n",
       {"qualifiers.rules:1:1: error: unknown keyword \"around\" in qualifiers.rules (expected "
        "before or after)"}},
      // Every error of a file is reported, not just the first.
      {u + "unit ft | lenght | 0.3048 m | after: ft\ncount GPU | /(/\n", kNumbers, kQualifiers,
       {"units.rules:3:11: error: unknown dimension \"lenght\" (declared: power)",
        "units.rules:4:13: error: bad regex /(/: missing ): ("}},
  };
  for (const BadRules& t : table) {
    bool created = false;
    std::vector<std::string> got = Diagnose(t.units, t.numbers, t.qualifiers, &created);
    INFO("units.rules:\n" << t.units << "numbers.rules:\n" << t.numbers);
    CHECK(got == t.diagnostics);
    CHECK(created == t.diagnostics.empty());
  }
}

TEST_CASE("quantity rules: a missing file is named", "[quantities][rules]") {
  RuleFiles files;
  files.Add("units.rules", kUnits);
  DiagnosticSink sink;
  CHECK(QuantityRecognizer::Create(files, &sink) == nullptr);
  std::vector<std::string> got;
  for (const auto& d : sink.diagnostics()) got.push_back(d.ToString());
  CHECK(got == std::vector<std::string>{"numbers.rules: error: missing rule file",
                                        "qualifiers.rules: error: missing rule file"});
}

TEST_CASE("quantity rules: garbage is reported, never a crash", "[quantities][rules]") {
  std::string garbage = "\xFF\xFE\x00unit | | |\n|||\n\"\n/\n";
  garbage += std::string(300, '|') + "\n";
  bool created = true;
  std::vector<std::string> got = Diagnose(garbage, garbage, garbage, &created);
  CHECK_FALSE(created);
  CHECK_FALSE(got.empty());
}

std::unique_ptr<QuantityRecognizer> Make(const std::string& units, const std::string& numbers,
                                         const std::string& qualifiers) {
  RuleFiles files;
  files.Add("units.rules", units);
  files.Add("numbers.rules", numbers);
  files.Add("qualifiers.rules", qualifiers);
  DiagnosticSink sink;
  auto recognizer = QuantityRecognizer::Create(files, &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  REQUIRE(recognizer);
  return recognizer;
}

std::vector<std::string> Texts(const std::vector<Quantity>& found) {
  std::vector<std::string> out;
  for (const auto& q : found) out.push_back(q.text);
  return out;
}

TEST_CASE("quantity rules: quoted forms keep case, plain ones ignore it", "[quantities][rules]") {
  auto r = Make(std::string(kUnits) +
                    "dimension mass | kg\n"
                    "unit t | mass | 1e3 kg | after: \"t\"\n",
                kNumbers, kQualifiers);
  CHECK(Texts(r->Find("It made 5 t and 5 T and 2 gigawatt and 2 GIGAWATT.")) ==
        std::vector<std::string>{"5 t", "2 gigawatt", "2 GIGAWATT"});
}

TEST_CASE("quantity rules: a regex form may hold '|' and ','", "[quantities][rules]") {
  auto r = Make(std::string(kUnits) + "count GPU | GPUs, /(?:H100|B200)s{1,2}/\n", kNumbers,
                kQualifiers);
  std::vector<Quantity> found = r->Find("They bought 8 H100s and 4 B200s and 2 GPUs.");
  REQUIRE(found.size() == 3);
  CHECK(found[0].counted == "GPU");
  CHECK(found[1].text == "4 B200s");
  CHECK(found[2].value == 2);
}

TEST_CASE("quantity rules: a space in a form also reads a hyphen", "[quantities][rules]") {
  auto r = Make("dimension area | m2\nunit sqft | area | 0.09290304 m2 | after: square feet\n",
                kNumbers, kQualifiers);
  CHECK(Texts(r->Find("It has 5 square feet, 6 square-feet and 7 square   feet.")) ==
        std::vector<std::string>{"5 square feet", "6 square-feet", "7 square   feet"});
}

TEST_CASE("quantity rules: new units work without recompiling", "[quantities][rules]") {
  // A maintainer adds a dimension, a unit and a counted noun.
  auto r = Make(std::string(kUnits) +
                    "dimension volume | m3\n"
                    "unit bcm | volume | 1e9 m3 | after: bcm, billion cubic meters\n"
                    "count robot | robot, robots\n",
                kNumbers, kQualifiers);
  std::vector<Quantity> found = r->Find("The pipeline moves 55 bcm a year and 12 robots clean it.");
  REQUIRE(found.size() == 2);
  CHECK(found[0].dimension == "volume");
  CHECK(found[0].unit == "m3");
  CHECK(found[0].value == 55e9);
  CHECK(found[0].rule == "bcm");
  CHECK(found[1].counted == "robot");
  CHECK(found[1].rule == "count:robot");
}

}  // namespace
}  // namespace quarry
