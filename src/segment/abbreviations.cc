// Exports Abbreviations: parsing rules/abbreviations.rules and classifying
// the word before a period.
#include "segment/abbreviations.h"

#include <vector>

#include "core/rule_text.h"

namespace quarry {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// "U.S.", "e.g.", "U.A.E.": two or more letter-dot pairs.
bool IsLetterDotRun(std::string_view t) {
  if (t.size() < 4 || t.size() % 2 != 0) return false;
  for (size_t i = 0; i < t.size(); i += 2)
    if (!(IsUpper(t[i]) || IsLower(t[i])) || t[i + 1] != '.') return false;
  return true;
}

}  // namespace

std::unique_ptr<Abbreviations> Abbreviations::Parse(const std::string& path,
                                                    std::string_view content,
                                                    DiagnosticSink* sink) {
  std::unique_ptr<Abbreviations> result(new Abbreviations());
  bool ok = true;
  auto error = [&](const RuleLine& line, size_t offset, std::string message) {
    sink->Error(path, line.line, line.ColumnOf(offset), std::move(message));
    ok = false;
  };
  for (const RuleLine& line : SplitRuleLines(content)) {
    std::vector<RuleField> words = SplitWords(line.text);
    std::string_view first = words[0].text;
    if (first == "starters") {
      if (words.size() == 1) error(line, 0, "starters: no words given");
      for (size_t i = 1; i < words.size(); ++i) {
        std::string_view w = words[i].text;
        if (!IsUpper(w[0])) {
          error(line, words[i].offset,
                "starter \"" + std::string(w) + "\" must begin with a capital letter");
          continue;
        }
        result->starters_.insert(std::string(w));
      }
      continue;
    }
    if (first.size() < 2 || first.back() != '.') {
      error(line, 0,
            "abbreviation \"" + std::string(first) +
                "\" must end with '.' (or the line must start with \"starters\")");
      continue;
    }
    Kind kind = Kind::kMayEnd;
    bool line_ok = true;
    for (size_t i = 1; i < words.size(); ++i) {
      if (words[i].text == "prefix") {
        kind = Kind::kPrefix;
      } else {
        error(line, words[i].offset,
              "unknown flag \"" + std::string(words[i].text) + "\" (expected prefix)");
        line_ok = false;
      }
    }
    if (!line_ok) continue;
    auto [it, inserted] = result->kinds_.emplace(std::string(first), kind);
    if (!inserted) {
      sink->Warning(path, line.line, line.column, "duplicate abbreviation \"" +
                                                      std::string(first) + "\"");
      if (kind == Kind::kPrefix) it->second = kind;
    }
  }
  if (!ok) return nullptr;
  return result;
}

Abbreviations::Kind Abbreviations::Lookup(std::string_view token) const {
  auto it = kinds_.find(std::string(token));
  return it == kinds_.end() ? Kind::kNone : it->second;
}

Abbreviations::Kind Abbreviations::Classify(std::string_view token) const {
  while (!token.empty() && (token.front() == '(' || token.front() == '[' ||
                            token.front() == '"' || token.front() == '\'' ||
                            token.front() == '{'))
    token.remove_prefix(1);
  if (token.size() < 2 || token.back() != '.') return Kind::kNone;
  Kind kind = Lookup(token);
  if (kind == Kind::kNone && IsUpper(token[0])) {
    std::string lowered(token);
    lowered[0] = static_cast<char>(lowered[0] + 32);
    kind = Lookup(lowered);
  }
  if (kind != Kind::kNone) return kind;
  if (token.size() == 2 && IsUpper(token[0])) return Kind::kMayEnd;  // "F." in "John F. Kennedy".
  if (IsLetterDotRun(token)) return Kind::kMayEnd;
  return Kind::kNone;
}

}  // namespace quarry
