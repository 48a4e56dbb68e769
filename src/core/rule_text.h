// Line-oriented reading of rule files, shared by every stage's rule parser so
// that all rule files agree on comments, blank lines and positions.
//
// Convention for every file in rules/: UTF-8 text; '#' starts a comment when it
// is the first non-blank character of a line, or is preceded by whitespace and
// not inside double quotes; blank lines are ignored. Stages define the syntax of
// what remains.
#ifndef QUARRY_CORE_RULE_TEXT_H_
#define QUARRY_CORE_RULE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace quarry {

struct RuleLine {
  int line = 0;           // 1-based line number in the file.
  int column = 1;         // 1-based byte column where `text` starts.
  std::string_view text;  // The line without comment and surrounding blanks.
  // 1-based column of byte `offset` of `text`, for diagnostics.
  int ColumnOf(size_t offset) const { return column + static_cast<int>(offset); }
};

// Splits `content` into non-blank, comment-stripped lines. The views point
// into `content`, which must outlive the result.
std::vector<RuleLine> SplitRuleLines(std::string_view content);

// One field of a line split on a separator, with its position in the line.
struct RuleField {
  std::string_view text;  // Trimmed.
  size_t offset = 0;      // Byte offset of `text` within RuleLine::text.
};

// Splits a rule line on `separator` (for example '|'), trimming each field.
std::vector<RuleField> SplitFields(std::string_view line, char separator);

// Splits a rule line on runs of blanks (space, tab), with each word's offset.
std::vector<RuleField> SplitWords(std::string_view line);

std::string_view Trim(std::string_view s);

}  // namespace quarry

#endif  // QUARRY_CORE_RULE_TEXT_H_
