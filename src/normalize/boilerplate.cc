// Exports BoilerplateRules: parsing rules/boilerplate.rules and applying its
// line rules to unified text (element rules are applied by HtmlToText).
#include "normalize/boilerplate.h"

#include <algorithm>
#include <charconv>

#include "core/rule_text.h"

namespace quarry {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

struct ActionName {
  std::string_view name;
  BoilerplateRule::Action action;
};
constexpr ActionName kActions[] = {
    {"drop", BoilerplateRule::Action::kDrop},
    {"drop-next", BoilerplateRule::Action::kDropNext},
    {"drop-prev", BoilerplateRule::Action::kDropPrev},
    {"cut", BoilerplateRule::Action::kCut},
    {"element", BoilerplateRule::Action::kElement},
};

// "words=12" -> ("words", 12). Returns false when `token` is not of that shape.
bool SplitOption(std::string_view token, std::string_view* key, size_t* value) {
  size_t eq = token.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == token.size()) return false;
  for (size_t i = 0; i < eq; ++i)
    if (!(token[i] >= 'a' && token[i] <= 'z')) return false;
  std::string_view digits = token.substr(eq + 1);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return false;
  *key = token.substr(0, eq);
  return true;
}

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

// `pattern` with an opening bounded run, "." or "[^...]" repeated {M,N},
// made unbounded ({M,}); "" when it does not open with one. The result
// matches every line `pattern` matches (and more).
std::string UnboundOpeningRun(std::string_view pattern) {
  size_t i = 0;
  if (pattern.starts_with(".")) {
    i = 1;
  } else if (pattern.starts_with("[^")) {
    i = 2;
    if (i < pattern.size() && pattern[i] == ']') ++i;  // "[^]...]": a literal ']'.
    while (i < pattern.size() && pattern[i] != ']') i += pattern[i] == '\\' ? 2 : 1;
    if (i >= pattern.size()) return "";
    ++i;
  } else {
    return "";
  }
  if (i >= pattern.size() || pattern[i] != '{') return "";
  size_t comma = pattern.find(',', i);
  size_t close = pattern.find('}', i);
  if (comma == std::string_view::npos || close == std::string_view::npos || comma > close ||
      comma + 1 == close)
    return "";
  for (size_t k = i + 1; k < close; ++k)
    if (k != comma && !(pattern[k] >= '0' && pattern[k] <= '9')) return "";
  std::string out(pattern.substr(0, comma + 1));
  out += pattern.substr(close);
  return out;
}

int CountWords(std::string_view line) {
  int words = 0;
  bool in_word = false;
  for (char c : line) {
    bool blank = IsBlank(c);
    if (!blank && !in_word) ++words;
    in_word = !blank;
  }
  return words;
}

}  // namespace

namespace {

// One parsed line before compilation: a rule or an expectation.
class RuleParser {
 public:
  RuleParser(const std::string& path, DiagnosticSink* sink) : path_(path), sink_(sink) {}

  bool ok() const { return ok_; }

  void Error(const RuleLine& line, size_t offset, std::string message) {
    sink_->Error(path_, line.line, line.ColumnOf(offset), std::move(message));
    ok_ = false;
  }

  // "ACTION [OPTION=N ...] PATTERN"; false (reported) when the line is bad.
  bool ParseRule(const RuleLine& line, const std::vector<RuleField>& words,
                 BoilerplateRule* rule) {
    std::string_view text = line.text;
    std::string_view action_name = words[0].text;
    const ActionName* action = nullptr;
    for (const ActionName& a : kActions)
      if (a.name == action_name) action = &a;
    if (!action) {
      Error(line, 0,
            "unknown action \"" + std::string(action_name) +
                "\" (expected drop, drop-next, drop-prev, cut, element or expect)");
      return false;
    }
    rule->action = action->action;
    rule->line = line.line;
    rule->words = rule->action == BoilerplateRule::Action::kDropPrev ? kDefaultPrevWords
                                                                      : kDefaultNextWords;
    rule->after = kDefaultCutAfter;

    // Options: key=number words between the action and the pattern.
    bool options_ok = true;
    size_t k = 1;
    for (; k < words.size(); ++k) {
      std::string_view key;
      size_t value = 0;
      if (!SplitOption(words[k].text, &key, &value)) break;
      bool neighbour = rule->action == BoilerplateRule::Action::kDropNext ||
                       rule->action == BoilerplateRule::Action::kDropPrev;
      bool cut = rule->action == BoilerplateRule::Action::kCut;
      if (key == "words" && neighbour) {
        rule->words = static_cast<int>(std::min<size_t>(value, 1000));
      } else if (key == "after" && cut) {
        rule->after = value;
      } else {
        const char* expected = cut ? "after=N" : neighbour ? "words=N" : "no options";
        Error(line, words[k].offset,
              "unknown option \"" + std::string(key) + "\" for " + std::string(action_name) +
                  " (expected " + expected + ")");
        options_ok = false;
      }
    }
    if (!options_ok) return false;

    size_t pos = k < words.size() ? words[k].offset : text.size();
    std::string_view pattern = text.substr(pos);
    if (pattern.empty()) {
      Error(line, pos, std::string(action_name) + ": missing pattern");
      return false;
    }
    RE2 re(pattern, PatternOptions());
    if (!re.ok()) {
      // Point at the offending part of the pattern when RE2 names it.
      size_t at = pattern.find(re.error_arg());
      if (re.error_arg().empty() || at == std::string_view::npos) at = 0;
      Error(line, pos + at, "invalid pattern: " + re.error());
      return false;
    }
    if (RE2::FullMatch("", re)) {
      Error(line, pos, "pattern matches an empty line, so it would match far too much");
      return false;
    }
    rule->pattern = std::string(pattern);
    return true;
  }

  // "expect drop|keep LINE".
  bool ParseExpectation(const RuleLine& line, const std::vector<RuleField>& words,
                        BoilerplateExpectation* expectation) {
    if (words.size() < 2 || (words[1].text != "drop" && words[1].text != "keep")) {
      Error(line, words.size() < 2 ? line.text.size() : words[1].offset,
            "expect: say \"drop\" or \"keep\", then the line");
      return false;
    }
    if (words.size() < 3) {
      Error(line, line.text.size(), "expect: missing line");
      return false;
    }
    expectation->drop = words[1].text == "drop";
    expectation->line = line.line;
    expectation->column = line.ColumnOf(words[2].offset);
    expectation->text = std::string(line.text.substr(words[2].offset));
    return true;
  }

 private:
  const std::string& path_;
  DiagnosticSink* sink_;
  bool ok_ = true;
};

}  // namespace

std::unique_ptr<BoilerplateRules> BoilerplateRules::Parse(const std::string& path,
                                                          std::string_view content,
                                                          DiagnosticSink* sink) {
  std::unique_ptr<BoilerplateRules> rules(new BoilerplateRules());
  RuleParser parser(path, sink);
  std::vector<BoilerplateExpectation> expectations;
  for (const RuleLine& line : SplitRuleLines(content)) {
    std::vector<RuleField> words = SplitWords(line.text);
    if (words[0].text == "expect") {
      BoilerplateExpectation expectation;
      if (parser.ParseExpectation(line, words, &expectation))
        expectations.push_back(std::move(expectation));
      continue;
    }
    BoilerplateRule rule;
    if (parser.ParseRule(line, words, &rule)) rules->rules_.push_back(std::move(rule));
  }
  if (!parser.ok() || !rules->Compile(path, sink)) return nullptr;

  // Examples in the file must hold, so that an edit that breaks one is
  // caught by `quarry rules check` (and every run) rather than in the data.
  bool examples_hold = true;
  for (const BoilerplateExpectation& e : expectations) {
    int hit = rules->Match(e.text);
    if (e.drop && hit < 0) {
      sink->Error(path, e.line, e.column,
                  "expected \"" + e.text + "\" to be dropped, but no line rule matches it");
      examples_hold = false;
    } else if (!e.drop && hit >= 0) {
      sink->Error(path, e.line, e.column,
                  "expected \"" + e.text + "\" to be kept, but the rule on line " +
                      std::to_string(rules->line_rules_[hit]->line) + " drops it");
      examples_hold = false;
    }
  }
  if (!examples_hold) return nullptr;
  rules->expectations_ = std::move(expectations);
  return rules;
}

bool BoilerplateRules::Compile(const std::string& path, DiagnosticSink* sink) {
  line_set_ = std::make_unique<RE2::Set>(PatternOptions(), RE2::ANCHOR_BOTH);
  std::string elements;
  for (const BoilerplateRule& rule : rules_) {
    if (rule.action == BoilerplateRule::Action::kElement) {
      if (!elements.empty()) elements += '|';
      elements += "(?:" + rule.pattern + ")";
      continue;
    }
    std::string unbounded = UnboundOpeningRun(rule.pattern);
    std::string set_error;
    if (line_set_->Add(unbounded.empty() ? rule.pattern : unbounded, &set_error) < 0) {
      sink->Error(path, rule.line, 0, "invalid pattern: " + set_error);
      return false;
    }
    line_rules_.push_back(&rule);
    // Parse already compiled the pattern on its own.
    exact_.push_back(unbounded.empty() ? nullptr
                                       : std::make_unique<RE2>(rule.pattern, PatternOptions()));
  }
  if (!line_rules_.empty() && !line_set_->Compile()) {
    sink->Error(path, 0, 0, "line rules too large to compile together");
    return false;
  }
  if (!elements.empty()) {
    element_re_ = std::make_unique<RE2>(elements, PatternOptions());
    if (!element_re_->ok()) {
      sink->Error(path, 0, 0, "element rules do not compile together: " + element_re_->error());
      return false;
    }
  }
  return true;
}

bool BoilerplateRules::RejectsClassOrId(std::string_view name) const {
  return element_re_ && RE2::FullMatch(name, *element_re_);
}

int BoilerplateRules::Match(std::string_view line) const {
  if (line_rules_.empty() || line.size() > kMaxBoilerplateLineBytes) return -1;
  std::vector<int> hits;
  if (!line_set_->Match(line, &hits) || hits.empty()) return -1;
  std::sort(hits.begin(), hits.end());
  for (int hit : hits)
    if (!exact_[hit] || RE2::FullMatch(line, *exact_[hit])) return hit;
  return -1;
}

MappedText BoilerplateRules::Apply(MappedText in, uint32_t* dropped_bytes) const {
  struct Line {
    size_t begin, end;  // Without the '\n'.
    bool keep = true;
  };
  std::string_view s(in.text);
  std::vector<Line> lines;
  for (size_t pos = 0; pos <= s.size();) {
    size_t nl = s.find('\n', pos);
    size_t end = nl == std::string_view::npos ? s.size() : nl;
    lines.push_back({pos, end});
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  auto text_of = [&](const Line& l) { return s.substr(l.begin, l.end - l.begin); };
  size_t kept_bytes = 0;         // Body bytes kept so far, for cut's `after`.
  int previous = -1;             // The previous non-blank line.
  int next_words = -1;           // >= 0: the next non-blank line goes if this short.
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    std::string_view text = text_of(line);
    if (text.empty()) continue;
    int hit = Match(text);
    int pending = next_words;
    next_words = -1;
    if (hit < 0) {
      if (pending >= 0 && CountWords(text) <= pending) {
        line.keep = false;  // The title of the post a "Next Post" line links to.
      } else {
        kept_bytes += text.size();
      }
      previous = static_cast<int>(i);
      continue;
    }
    const BoilerplateRule& rule = *line_rules_[hit];
    line.keep = false;
    switch (rule.action) {
      case BoilerplateRule::Action::kDrop:
      case BoilerplateRule::Action::kElement:
        break;
      case BoilerplateRule::Action::kDropNext:
        next_words = rule.words;
        break;
      case BoilerplateRule::Action::kDropPrev:
        if (previous >= 0 && lines[previous].keep &&
            CountWords(text_of(lines[previous])) <= rule.words) {
          lines[previous].keep = false;
          kept_bytes -= std::min(kept_bytes, text_of(lines[previous]).size());
        }
        break;
      case BoilerplateRule::Action::kCut:
        if (kept_bytes >= rule.after) {
          for (size_t k = i; k < lines.size(); ++k) lines[k].keep = false;
          i = lines.size();
        }
        break;
    }
    previous = static_cast<int>(i);
  }

  bool any_dropped = false;
  for (const Line& line : lines) any_dropped = any_dropped || !line.keep;
  if (!any_dropped) return in;

  MappedText out;
  out.Reserve(s.size());
  bool blank_pending = false;
  size_t last_end = 0;
  uint32_t dropped = 0;
  for (const Line& line : lines) {
    if (line.begin == line.end) {
      blank_pending = true;
      continue;
    }
    if (!line.keep) {
      dropped += static_cast<uint32_t>(line.end - line.begin + (line.end < s.size() ? 1 : 0));
      continue;
    }
    if (!out.text.empty()) {
      out.Append('\n', in.RawAt(line.begin - 1));
      if (blank_pending) out.Append('\n', in.RawAt(line.begin - 1));
    }
    blank_pending = false;
    out.AppendFrom(in, line.begin, line.end);
    last_end = line.end;
  }
  out.Finish(in.RawAt(out.text.empty() ? s.size() : last_end));
  *dropped_bytes += dropped;
  return out;
}

}  // namespace quarry
