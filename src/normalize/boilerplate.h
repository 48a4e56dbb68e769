// Boilerplate rules (rules/boilerplate.rules): which lines of a normalized
// article are page cruft, and which HTML elements to drop. The syntax is
// documented at the top of rules/boilerplate.rules.
#ifndef QUARRY_NORMALIZE_BOILERPLATE_H_
#define QUARRY_NORMALIZE_BOILERPLATE_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "normalize/offset_map.h"

namespace quarry {

struct BoilerplateRule {
  enum class Action { kDrop, kDropNext, kDropPrev, kCut, kElement };
  Action action = Action::kDrop;
  int line = 0;            // In the rule file, for messages.
  std::string pattern;
  int words = 0;           // drop-next/drop-prev: the neighbour's maximum word count.
  size_t after = 0;        // cut: body bytes that must precede the line.
};

// An "expect drop|keep LINE" example of the rule file: whether the line
// rules drop that line on its own.
struct BoilerplateExpectation {
  int line = 0;
  int column = 0;  // Of the example text.
  bool drop = false;
  std::string text;
};

// Lines longer than this are never boilerplate (and are not matched at all).
inline constexpr size_t kMaxBoilerplateLineBytes = 2000;
inline constexpr int kDefaultNextWords = 16;
inline constexpr int kDefaultPrevWords = 4;
inline constexpr size_t kDefaultCutAfter = 200;

class BoilerplateRules {
 public:
  // Parses a rule file and checks its examples. Every error is reported to
  // `sink` as "path:line:col: error: ..."; the result is nullptr if there
  // was any (a failing example is an error too).
  static std::unique_ptr<BoilerplateRules> Parse(const std::string& path,
                                                 std::string_view content, DiagnosticSink* sink);

  // Returns `in` (a finished MappedText of unified text) without the lines
  // the rules drop; blank lines are collapsed again afterwards (when nothing
  // is dropped, `in` comes back as it was). Adds the bytes of dropped lines
  // (with their line breaks) to *dropped_bytes.
  MappedText Apply(MappedText in, uint32_t* dropped_bytes) const;

  // True when an element rule matches the whole class name or id `name`.
  bool RejectsClassOrId(std::string_view name) const;

  // The first line rule that matches `line` on its own, or nullptr: for
  // `quarry explain`, to say which rule dropped a line.
  const BoilerplateRule* LineRuleFor(std::string_view line) const {
    int i = Match(line);
    return i < 0 ? nullptr : line_rules_[i];
  }

  const std::vector<BoilerplateRule>& rules() const { return rules_; }
  const std::vector<BoilerplateExpectation>& expectations() const { return expectations_; }

 private:
  BoilerplateRules() = default;
  // Builds the RE2::Set of line rules and the element pattern.
  bool Compile(const std::string& path, DiagnosticSink* sink);
  // The index (into line_rules_) of the first line rule matching `line`, or -1.
  int Match(std::string_view line) const;

  std::vector<BoilerplateRule> rules_;
  std::vector<const BoilerplateRule*> line_rules_;  // In file order; the Set's indexes.
  // The Set holds each line rule, but a pattern that opens with a bounded
  // run of any characters (".{0,160}delivered...", "[^.!?]{1,60}, ...") goes
  // in with the run unbounded: a counted run keeps the Set's DFA building
  // states (one per count) on every line, an unbounded one does not. Such a
  // rule's Set hit is only a candidate, confirmed by its exact pattern here
  // (indexed like line_rules_; null for the rules the Set decides alone).
  std::unique_ptr<RE2::Set> line_set_;
  std::vector<std::unique_ptr<RE2>> exact_;
  std::unique_ptr<RE2> element_re_;
  std::vector<BoilerplateExpectation> expectations_;
};

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_BOILERPLATE_H_
