// Exports LoadQuantityRules (see quantity_rules.h): reads units.rules,
// numbers.rules and qualifiers.rules line by line (SplitRuleLines), checks
// every line and compiles the forms into FormSets.
#include "quantities/quantity_rules.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>

#include "core/rule_text.h"

namespace quarry {
namespace {

constexpr char kUnitsFile[] = "units.rules";
constexpr char kNumbersFile[] = "numbers.rules";
constexpr char kQualifiersFile[] = "qualifiers.rules";

struct Field {
  std::string_view text;
  int column = 1;  // 1-based byte column of text in its line.
};

bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

Field TrimField(std::string_view s, int column) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlankChar(s[b])) ++b;
  while (e > b && IsBlankChar(s[e - 1])) --e;
  return {s.substr(b, e - b), column + static_cast<int>(b)};
}

// Splits `s` (starting at `column`) on `sep`, but never inside a "quoted"
// or /regex/ form. A form starts at the beginning, after '|', ',' or a
// label's ':'; a '/' there followed by a blank, ',' or '|' is the literal
// slash, otherwise it opens a regex that ends at the '/' followed by the end,
// ',' or '|'.
std::vector<Field> SplitList(std::string_view s, int column, char sep) {
  std::vector<Field> out;
  size_t start = 0;
  bool form_start = true;
  size_t i = 0;
  while (true) {
    if (i >= s.size() || s[i] == sep) {
      out.push_back(TrimField(s.substr(start, std::min(i, s.size()) - start),
                              column + static_cast<int>(start)));
      if (i >= s.size()) break;
      start = ++i;
      form_start = true;
      continue;
    }
    char c = s[i];
    if (IsBlankChar(c)) {
      ++i;
      continue;
    }
    if (form_start && c == '"') {
      size_t close = s.find('"', i + 1);
      i = close == std::string_view::npos ? s.size() : close + 1;
      form_start = false;
      continue;
    }
    if (form_start && c == '/' && i + 1 < s.size() && !IsBlankChar(s[i + 1]) && s[i + 1] != ',' &&
        s[i + 1] != '|') {
      size_t close = std::string_view::npos;
      for (size_t m = i + 1; m < s.size(); ++m) {
        if (s[m] == '\\') {
          ++m;
          continue;
        }
        if (s[m] != '/') continue;
        size_t r = m + 1;
        while (r < s.size() && IsBlankChar(s[r])) ++r;
        if (r == s.size() || s[r] == ',' || s[r] == '|') {
          close = m;
          break;
        }
      }
      if (close != std::string_view::npos) {
        i = close + 1;
        form_start = false;
        continue;
      }
    }
    form_start = c == ',' || c == '|' || c == ':';
    ++i;
  }
  return out;
}

// "before: $, US$" -> label "before", rest "$, US$". No label: label empty.
void SplitLabel(Field field, std::string* label, Field* rest) {
  size_t i = 0;
  while (i < field.text.size() &&
         ((field.text[i] >= 'a' && field.text[i] <= 'z') || field.text[i] == '-')) {
    ++i;
  }
  if (i > 0 && i < field.text.size() && field.text[i] == ':') {
    *label = std::string(field.text.substr(0, i));
    *rest = TrimField(field.text.substr(i + 1), field.column + static_cast<int>(i) + 1);
  } else {
    label->clear();
    *rest = field;
  }
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

class Parser {
 public:
  Parser(QuantityRules* rules, DiagnosticSink* sink) : rules_(rules), sink_(sink) {}

  void Units(const RuleFile& file);
  void Numbers(const RuleFile& file);
  void Qualifiers(const RuleFile& file);
  void Compile();
  int errors() const { return errors_; }

 private:
  struct Line {
    const RuleFile* file;
    int line;
    std::string keyword;
    Field id;                   // Text between the keyword and the first '|'.
    std::vector<Field> fields;  // After the first '|'.
    int keyword_column;
  };
  std::vector<Line> Lines(const RuleFile& file);

  void Error(const Line& l, int column, std::string message) {
    sink_->Error(l.file->path, l.line, column, std::move(message));
    ++errors_;
  }
  // Checks the field count; reports and returns false when wrong.
  bool Expect(const Line& l, size_t fields, const char* usage);
  bool NeedNoId(const Line& l);
  bool NeedId(const Line& l, const char* what);
  // Adds every comma-separated form of `field` to `set`.
  void AddForms(FormSet* set, const Line& l, Field field, int payload, const std::string& owner);
  void AddFormsEach(FormSet* set, const Line& l, Field field, const std::string& owner,
                    int (*payload_of)(std::string_view));
  std::optional<Decimal> Number(const Line& l, Field f, const char* what);
  // Calls `use(label, forms)` for each field from `first` on; each must
  // start with one of `labels` ("before:", "after:").
  void LabeledFields(const Line& l, size_t first, const std::vector<std::string>& labels,
                     const std::function<void(const std::string&, Field)>& use);

  void Unit(const Line& l);
  void Count(const Line& l);
  void Scale(const Line& l);
  void NumberWord(const Line& l);
  void SpelledWord(const Line& l, SpelledToken::Kind kind, const char* usage);

  QuantityRules* rules_;
  DiagnosticSink* sink_;
  int errors_ = 0;
  std::map<std::string, int> unit_lines_;   // Unit id -> line.
  std::map<std::string, int> count_lines_;  // Counted noun -> line.
  std::string units_path_, numbers_path_, qualifiers_path_;
};

std::vector<Parser::Line> Parser::Lines(const RuleFile& file) {
  std::vector<Line> lines;
  for (const RuleLine& rl : SplitRuleLines(file.content)) {
    std::vector<Field> fields = SplitList(rl.text, rl.column, '|');
    Line l;
    l.file = &file;
    l.line = rl.line;
    Field head = fields[0];
    size_t blank = 0;
    while (blank < head.text.size() && !IsBlankChar(head.text[blank])) ++blank;
    l.keyword = std::string(head.text.substr(0, blank));
    l.keyword_column = head.column;
    l.id = TrimField(head.text.substr(blank), head.column + static_cast<int>(blank));
    l.fields.assign(fields.begin() + 1, fields.end());
    lines.push_back(std::move(l));
  }
  return lines;
}

bool Parser::Expect(const Line& l, size_t fields, const char* usage) {
  bool ok = l.fields.size() == fields;
  for (const Field& f : l.fields) ok = ok && !f.text.empty();
  if (!ok) Error(l, l.keyword_column, std::string("expected: ") + usage);
  return ok;
}

bool Parser::NeedNoId(const Line& l) {
  if (l.id.text.empty()) return true;
  Error(l, l.id.column, "unexpected " + Quoted(l.id.text) + " before '|' after " + l.keyword);
  return false;
}

bool Parser::NeedId(const Line& l, const char* what) {
  if (!l.id.text.empty()) return true;
  Error(l, l.keyword_column, std::string("missing ") + what + " after " + l.keyword);
  return false;
}

void Parser::AddForms(FormSet* set, const Line& l, Field field, int payload,
                      const std::string& owner) {
  std::vector<Field> forms = SplitList(field.text, field.column, ',');
  for (const Field& f : forms) {
    RulePos pos{l.file->path, l.line, f.column};
    if (!set->Add(f.text, payload, owner, pos, sink_)) ++errors_;
  }
}

void Parser::AddFormsEach(FormSet* set, const Line& l, Field field, const std::string& owner,
                          int (*payload_of)(std::string_view)) {
  for (const Field& f : SplitList(field.text, field.column, ',')) {
    RulePos pos{l.file->path, l.line, f.column};
    if (!set->Add(f.text, payload_of(f.text), owner, pos, sink_)) ++errors_;
  }
}

std::optional<Decimal> Parser::Number(const Line& l, Field f, const char* what) {
  std::optional<Decimal> d = Decimal::Parse(f.text);
  if (!d) {
    Error(l, f.column,
          std::string("bad ") + what + " " + Quoted(f.text) +
              ": expected a decimal number such as 1e9 or 0.09290304");
  }
  return d;
}

void Parser::LabeledFields(const Line& l, size_t first, const std::vector<std::string>& labels,
                           const std::function<void(const std::string&, Field)>& use) {
  for (size_t i = first; i < l.fields.size(); ++i) {
    std::string label;
    Field forms;
    SplitLabel(l.fields[i], &label, &forms);
    if (std::find(labels.begin(), labels.end(), label) != labels.end()) {
      use(label, forms);
      continue;
    }
    std::string expected;
    for (size_t k = 0; k < labels.size(); ++k) {
      expected += (k == 0 ? "" : k + 1 == labels.size() ? " or " : ", ") + Quoted(labels[k] + ":");
    }
    Error(l, l.fields[i].column, "expected " + expected + " in front of the forms");
  }
}

// ---- units.rules ----

void Parser::Units(const RuleFile& file) {
  units_path_ = file.path;
  std::vector<Line> lines = Lines(file);
  // Dimensions first, so that units may come in any order.
  for (const Line& l : lines) {
    if (l.keyword != "dimension") continue;
    if (!NeedId(l, "dimension name") || !Expect(l, 1, "dimension NAME | BASE-UNIT")) continue;
    std::string name(l.id.text);
    if (!rules_->dimensions.emplace(name, std::string(l.fields[0].text)).second) {
      Error(l, l.id.column, "duplicate dimension " + Quoted(name));
    }
  }
  for (const Line& l : lines) {
    if (l.keyword == "dimension") continue;
    if (l.keyword == "unit") {
      Unit(l);
    } else if (l.keyword == "count") {
      Count(l);
    } else if (l.keyword == "per" || l.keyword == "per-rate") {
      bool rate = l.keyword == "per-rate";
      if (!NeedId(l, "name") || !Expect(l, 1, "per NAME | FORMS")) continue;
      auto& names = rate ? rules_->per_rate_names : rules_->per_names;
      names.emplace_back(l.id.text);
      AddForms(rate ? &rules_->per_rates : &rules_->per_nouns, l, l.fields[0],
               static_cast<int>(names.size() - 1), l.keyword + " " + Quoted(l.id.text));
    } else if (l.keyword == "per-word") {
      if (NeedNoId(l) && Expect(l, 1, "per-word | FORMS")) {
        AddForms(&rules_->per_words, l, l.fields[0], 0, "per-word");
      }
    } else if (l.keyword == "modifier") {
      if (NeedNoId(l) && Expect(l, 1, "modifier | FORMS")) {
        AddForms(&rules_->modifiers, l, l.fields[0], 0, "modifier");
      }
    } else if (l.keyword == "max-modifiers") {
      if (!NeedNoId(l) || !Expect(l, 1, "max-modifiers | N")) continue;
      const Field& f = l.fields[0];
      int n = -1;
      auto r = std::from_chars(f.text.data(), f.text.data() + f.text.size(), n);
      if (r.ec != std::errc() || r.ptr != f.text.data() + f.text.size() || n < 0 || n > 5) {
        Error(l, f.column, "bad max-modifiers " + Quoted(f.text) + ": expected 0 to 5");
      } else {
        rules_->max_modifiers = n;
      }
    } else {
      Error(l, l.keyword_column, "unknown keyword " + Quoted(l.keyword) + " in " + kUnitsFile);
    }
  }
}

void Parser::Unit(const Line& l) {
  const char* usage = "unit ID | DIMENSION | FACTOR BASE | before: FORMS | after: FORMS";
  if (!NeedId(l, "unit id")) return;
  if (l.fields.size() < 3 || l.fields.size() > 4) {
    Error(l, l.keyword_column, std::string("expected: ") + usage);
    return;
  }
  std::string id(l.id.text);
  auto [it, inserted] = unit_lines_.emplace(id, l.line);
  if (!inserted) {
    Error(l, l.id.column,
          "duplicate unit " + Quoted(id) + " (first defined at line " + std::to_string(it->second) +
              ")");
    return;
  }
  UnitDef unit;
  unit.id = id;
  unit.line = l.line;
  const Field& dim = l.fields[0];
  auto dimension = rules_->dimensions.find(std::string(dim.text));
  if (dimension == rules_->dimensions.end()) {
    std::string known;
    for (const auto& [name, base] : rules_->dimensions) known += (known.empty() ? "" : ", ") + name;
    Error(l, dim.column, "unknown dimension " + Quoted(dim.text) + " (declared: " + known + ")");
    return;
  }
  unit.dimension = dimension->first;
  // "1e9 W": factor, then the base unit.
  const Field& conv = l.fields[1];
  size_t blank = conv.text.find_first_of(" \t");
  Field factor{conv.text.substr(0, blank), conv.column};
  Field base = blank == std::string_view::npos
                   ? Field{std::string_view(), conv.column + static_cast<int>(conv.text.size())}
                   : TrimField(conv.text.substr(blank), conv.column + static_cast<int>(blank));
  std::optional<Decimal> f = Number(l, factor, "factor");
  if (!f) return;
  if (f->IsZero() || f->negative()) {
    Error(l, factor.column, "factor " + Quoted(factor.text) + " must be positive");
    return;
  }
  unit.factor = *f;
  if (base.text.empty()) {
    Error(l, base.column, "missing base unit after the factor " + Quoted(factor.text));
    return;
  }
  unit.base = std::string(base.text);
  if (dimension->second != "*" && dimension->second != unit.base) {
    Error(l, base.column,
          "base unit " + Quoted(unit.base) + " does not match dimension " + Quoted(unit.dimension) +
              ", which is measured in " + Quoted(dimension->second));
    return;
  }
  int index = static_cast<int>(rules_->units.size());
  rules_->units.push_back(unit);
  std::string owner = "unit " + Quoted(id);
  LabeledFields(l, 2, {"before", "after"}, [&](const std::string& label, Field forms) {
    AddForms(label == "before" ? &rules_->unit_before : &rules_->unit_after, l, forms, index,
             owner);
  });
}

void Parser::Count(const Line& l) {
  if (!NeedId(l, "counted noun") || !Expect(l, 1, "count NOUN | FORMS")) return;
  std::string noun(l.id.text);
  auto [it, inserted] = count_lines_.emplace(noun, l.line);
  if (!inserted) {
    Error(l, l.id.column,
          "duplicate counted noun " + Quoted(noun) + " (first defined at line " +
              std::to_string(it->second) + ")");
    return;
  }
  UnitDef unit;
  unit.id = "count:" + noun;
  unit.dimension = kCountDimension;
  unit.base = kCountDimension;
  unit.factor = Decimal::FromInt(1);
  unit.counted = noun;
  unit.line = l.line;
  int index = static_cast<int>(rules_->units.size());
  rules_->units.push_back(unit);
  AddForms(&rules_->count_nouns, l, l.fields[0], index, "counted noun " + Quoted(noun));
}

// ---- numbers.rules ----

void Parser::Numbers(const RuleFile& file) {
  numbers_path_ = file.path;
  for (const Line& l : Lines(file)) {
    const std::string& k = l.keyword;
    if (k == "scale") {
      Scale(l);
    } else if (k == "number") {
      NumberWord(l);
    } else if (k == "fraction") {
      if (!NeedId(l, "fraction name") || !Expect(l, 2, "fraction NAME | VALUE | FORMS")) continue;
      // VALUE is a decimal or N/D ("1/3").
      Field vf = l.fields[0];
      size_t slash = vf.text.find('/');
      std::optional<Decimal> v, den;
      if (slash == std::string_view::npos) {
        v = Number(l, vf, "value");
      } else if ((v = Number(l, {vf.text.substr(0, slash), vf.column}, "value")) &&
                 (den = Number(l,
                               {vf.text.substr(slash + 1), vf.column + static_cast<int>(slash) + 1},
                               "value"))) {
        if (den->IsZero()) {
          Error(l, vf.column, "fraction " + Quoted(vf.text) + " divides by zero");
          continue;
        }
        v = v->DividedBy(*den);
      } else {
        continue;
      }
      if (!v) continue;
      rules_->spelled_tokens.push_back({SpelledToken::kFraction, *v});
      AddForms(&rules_->spelled, l, l.fields[1],
               static_cast<int>(rules_->spelled_tokens.size() - 1),
               "fraction " + Quoted(l.id.text));
    } else if (k == "article") {
      SpelledWord(l, SpelledToken::kArticle, "article | FORMS");
    } else if (k == "joiner") {
      SpelledWord(l, SpelledToken::kJoiner, "joiner | FORMS");
    } else if (k == "point") {
      SpelledWord(l, SpelledToken::kPoint, "point | FORMS");
    } else if (k == "sign") {
      if (!NeedId(l, "sign name") || !Expect(l, 2, "sign NAME | -1 or +1 | FORMS")) continue;
      std::string_view v = l.fields[0].text;
      if (v != "-1" && v != "+1" && v != "1") {
        Error(l, l.fields[0].column, "bad sign " + Quoted(v) + ": expected -1 or +1");
        continue;
      }
      AddForms(&rules_->signs, l, l.fields[1], v == "-1" ? -1 : 1, "sign " + Quoted(l.id.text));
    } else if (k == "multiplier" || k == "range-sep" || k == "change-word" || k == "label" ||
               k == "date-word") {
      if (!NeedNoId(l) || !Expect(l, 1, (k + " | FORMS").c_str())) continue;
      FormSet* set = k == "multiplier"    ? &rules_->multipliers
                     : k == "range-sep"   ? &rules_->range_seps
                     : k == "change-word" ? &rules_->change_words
                     : k == "label"       ? &rules_->labels
                                          : &rules_->date_words;
      if (k == "range-sep") {
        // Word separators ("to") need blanks around them; symbols do not.
        AddFormsEach(set, l, l.fields[0], k, [](std::string_view f) {
          size_t i = f.front() == '"' ? 1 : 0;
          return i < f.size() && IsAsciiAlpha(f[i]) ? 1 : 0;
        });
      } else {
        AddForms(set, l, l.fields[0], 0, k);
      }
    } else if (k == "range") {
      if (!NeedId(l, "range name")) continue;
      if (l.fields.size() < 2 || l.fields.size() > 3) {
        Error(l, l.keyword_column,
              "expected: range NAME | OPEN-FORMS | CLOSE-FORMS [| after: FORMS]");
        continue;
      }
      auto pair = std::make_unique<RangePair>();
      pair->id = std::string(l.id.text);
      int index = static_cast<int>(rules_->range_pairs.size());
      std::string owner = "range " + Quoted(pair->id);
      AddForms(&rules_->range_open, l, l.fields[0], index, owner);
      AddForms(&pair->close, l, l.fields[1], 0, owner);
      LabeledFields(l, 2, {"after"}, [&](const std::string&, Field forms) {
        AddForms(&pair->after, l, forms, 0, owner);
      });
      rules_->range_pairs.push_back(std::move(pair));
    } else {
      Error(l, l.keyword_column, "unknown keyword " + Quoted(k) + " in " + kNumbersFile);
    }
  }
}

void Parser::Scale(const Line& l) {
  const char* usage = "scale NAME | FACTOR | words: FORMS | short: FORMS";
  if (!NeedId(l, "scale name")) return;
  if (l.fields.size() < 2 || l.fields.size() > 3) {
    Error(l, l.keyword_column, std::string("expected: ") + usage);
    return;
  }
  std::optional<Decimal> f = Number(l, l.fields[0], "factor");
  if (!f) return;
  int index = static_cast<int>(rules_->scale_defs.size());
  rules_->scale_defs.push_back({std::string(l.id.text), *f});
  std::string owner = "scale " + Quoted(l.id.text);
  LabeledFields(l, 1, {"words", "short"}, [&](const std::string& label, Field forms) {
    AddForms(&rules_->scales, l, forms, QuantityRules::ScalePayload(index, label == "words"),
             owner);
    if (label == "words") {
      // Words also scale spelled-out numbers ("two million").
      rules_->spelled_tokens.push_back({SpelledToken::kScale, *f});
      AddForms(&rules_->spelled, l, forms, static_cast<int>(rules_->spelled_tokens.size() - 1),
               owner);
    }
  });
}

void Parser::NumberWord(const Line& l) {
  if (!NeedId(l, "number name") || !Expect(l, 2, "number NAME | VALUE | FORMS")) return;
  const Field& vf = l.fields[0];
  int v = -1;
  auto r = std::from_chars(vf.text.data(), vf.text.data() + vf.text.size(), v);
  SpelledToken::Kind kind;
  if (r.ec != std::errc() || r.ptr != vf.text.data() + vf.text.size() || v < 0) {
    v = -1;
  }
  if (v >= 0 && v <= 9) {
    kind = SpelledToken::kOnes;
  } else if (v >= 10 && v <= 19) {
    kind = SpelledToken::kTeens;
  } else if (v >= 20 && v <= 90 && v % 10 == 0) {
    kind = SpelledToken::kTens;
  } else if (v == 100) {
    kind = SpelledToken::kHundred;
  } else {
    Error(l, vf.column,
          "bad number value " + Quoted(vf.text) +
              ": expected 0 to 19, a multiple of ten up to 90, or 100 (larger words are scales)");
    return;
  }
  rules_->spelled_tokens.push_back({kind, Decimal::FromInt(static_cast<unsigned>(v))});
  AddForms(&rules_->spelled, l, l.fields[1], static_cast<int>(rules_->spelled_tokens.size() - 1),
           "number " + Quoted(l.id.text));
}

void Parser::SpelledWord(const Line& l, SpelledToken::Kind kind, const char* usage) {
  if (!NeedNoId(l) || !Expect(l, 1, usage)) return;
  rules_->spelled_tokens.push_back({kind, Decimal()});
  AddForms(&rules_->spelled, l, l.fields[0], static_cast<int>(rules_->spelled_tokens.size() - 1),
           l.keyword);
}

// ---- qualifiers.rules ----

void Parser::Qualifiers(const RuleFile& file) {
  qualifiers_path_ = file.path;
  for (const Line& l : Lines(file)) {
    if (l.keyword != "before" && l.keyword != "after") {
      Error(l, l.keyword_column,
            "unknown keyword " + Quoted(l.keyword) + " in " + kQualifiersFile +
                " (expected before or after)");
      continue;
    }
    if (!NeedId(l, "qualifier") || !Expect(l, 1, "before|after QUALIFIER | FORMS")) continue;
    std::optional<Qualifier> q = ParseQualifier(l.id.text);
    if (!q) {
      Error(l, l.id.column,
            "unknown qualifier " + Quoted(l.id.text) +
                " (expected exact, approx, at_least, more_than, at_most or less_than)");
      continue;
    }
    FormSet* set = l.keyword == "before" ? &rules_->qualifiers_before : &rules_->qualifiers_after;
    AddForms(set, l, l.fields[0], static_cast<int>(*q), "qualifier " + Quoted(l.id.text));
  }
}

void Parser::Compile() {
  auto compile = [&](FormSet& set, const std::string& file) {
    if (!set.Compile(file, sink_)) ++errors_;
  };
  compile(rules_->unit_before, units_path_);
  compile(rules_->unit_after, units_path_);
  compile(rules_->count_nouns, units_path_);
  compile(rules_->per_words, units_path_);
  compile(rules_->per_nouns, units_path_);
  compile(rules_->per_rates, units_path_);
  compile(rules_->modifiers, units_path_);
  compile(rules_->scales, numbers_path_);
  compile(rules_->spelled, numbers_path_);
  compile(rules_->signs, numbers_path_);
  compile(rules_->multipliers, numbers_path_);
  compile(rules_->range_seps, numbers_path_);
  compile(rules_->range_open, numbers_path_);
  for (auto& pair : rules_->range_pairs) {
    compile(pair->close, numbers_path_);
    compile(pair->after, numbers_path_);
  }
  compile(rules_->change_words, numbers_path_);
  compile(rules_->labels, numbers_path_);
  compile(rules_->date_words, numbers_path_);
  compile(rules_->qualifiers_before, qualifiers_path_);
  compile(rules_->qualifiers_after, qualifiers_path_);
}

}  // namespace

std::unique_ptr<QuantityRules> LoadQuantityRules(const RuleFiles& files, DiagnosticSink* sink) {
  const RuleFile* units = files.Require(kUnitsFile, sink);
  const RuleFile* numbers = files.Require(kNumbersFile, sink);
  const RuleFile* qualifiers = files.Require(kQualifiersFile, sink);
  if (!units || !numbers || !qualifiers) return nullptr;
  auto rules = std::make_unique<QuantityRules>();
  Parser parser(rules.get(), sink);
  parser.Units(*units);
  parser.Numbers(*numbers);
  parser.Qualifiers(*qualifiers);
  if (parser.errors() > 0) return nullptr;
  parser.Compile();
  if (parser.errors() > 0) return nullptr;
  return rules;
}

}  // namespace quarry
