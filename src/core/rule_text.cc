// Exports SplitRuleLines, SplitFields, SplitWords and Trim (see rule_text.h).
#include "core/rule_text.h"

namespace quarry {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Returns the length of `line` before a comment begins.
size_t CommentStart(std::string_view line) {
  bool in_quotes = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      ++i;  // An escaped character never starts or ends anything.
      continue;
    }
    if (c == '"') in_quotes = !in_quotes;
    if (c == '#' && !in_quotes && (i == 0 || IsBlank(line[i - 1]))) return i;
  }
  return line.size();
}

}  // namespace

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::vector<RuleLine> SplitRuleLines(std::string_view content) {
  std::vector<RuleLine> lines;
  int number = 0;
  size_t pos = 0;
  // A UTF-8 byte order mark is not part of the first line's text.
  if (content.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view raw = content.substr(pos, nl - pos);
    ++number;
    std::string_view code = raw.substr(0, CommentStart(raw));
    size_t lead = 0;
    while (lead < code.size() && IsBlank(code[lead])) ++lead;
    std::string_view text = Trim(code);
    if (!text.empty()) lines.push_back({number, static_cast<int>(lead) + 1, text});
    if (nl == content.size()) break;
    pos = nl + 1;
  }
  return lines;
}

std::vector<RuleField> SplitFields(std::string_view line, char separator) {
  std::vector<RuleField> fields;
  size_t start = 0;
  while (true) {
    size_t sep = line.find(separator, start);
    size_t stop = sep == std::string_view::npos ? line.size() : sep;
    std::string_view raw = line.substr(start, stop - start);
    size_t lead = 0;
    while (lead < raw.size() && IsBlank(raw[lead])) ++lead;
    fields.push_back({Trim(raw), start + lead});
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return fields;
}

std::vector<RuleField> SplitWords(std::string_view line) {
  std::vector<RuleField> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back({line.substr(start, i - start), start});
  }
  return words;
}

}  // namespace quarry
