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

std::unique_ptr<BoilerplateRules> BoilerplateRules::Parse(const std::string& path,
                                                          std::string_view content,
                                                          DiagnosticSink* sink) {
  std::unique_ptr<BoilerplateRules> rules(new BoilerplateRules());
  bool ok = true;
  auto error = [&](const RuleLine& line, size_t offset, std::string message) {
    sink->Error(path, line.line, line.ColumnOf(offset), std::move(message));
    ok = false;
  };

  for (const RuleLine& line : SplitRuleLines(content)) {
    std::string_view text = line.text;
    std::vector<RuleField> words = SplitWords(text);
    std::string_view action_name = words[0].text;
    const ActionName* action = nullptr;
    for (const ActionName& a : kActions)
      if (a.name == action_name) action = &a;
    if (!action) {
      error(line, 0,
            "unknown action \"" + std::string(action_name) +
                "\" (expected drop, drop-next, drop-prev, cut or element)");
      continue;
    }
    BoilerplateRule rule;
    rule.action = action->action;
    rule.line = line.line;
    rule.words = rule.action == BoilerplateRule::Action::kDropPrev ? kDefaultPrevWords
                                                                    : kDefaultNextWords;
    rule.after = kDefaultCutAfter;

    // Options: key=number words between the action and the pattern.
    bool line_ok = true;
    size_t k = 1;
    for (; k < words.size(); ++k) {
      std::string_view key;
      size_t value = 0;
      if (!SplitOption(words[k].text, &key, &value)) break;
      bool words_ok = key == "words" && (rule.action == BoilerplateRule::Action::kDropNext ||
                                         rule.action == BoilerplateRule::Action::kDropPrev);
      bool after_ok = key == "after" && rule.action == BoilerplateRule::Action::kCut;
      if (words_ok) {
        rule.words = static_cast<int>(std::min<size_t>(value, 1000));
      } else if (after_ok) {
        rule.after = value;
      } else {
        const char* expected = rule.action == BoilerplateRule::Action::kCut ? "after=N"
                               : rule.action == BoilerplateRule::Action::kDropNext ||
                                       rule.action == BoilerplateRule::Action::kDropPrev
                                   ? "words=N"
                                   : "no options";
        error(line, words[k].offset,
              "unknown option \"" + std::string(key) + "\" for " + std::string(action_name) +
                  " (expected " + expected + ")");
        line_ok = false;
      }
    }
    if (!line_ok) continue;

    size_t pos = k < words.size() ? words[k].offset : text.size();
    std::string_view pattern = text.substr(pos);
    if (pattern.empty()) {
      error(line, pos, std::string(action_name) + ": missing pattern");
      continue;
    }
    RE2 re(pattern, PatternOptions());
    if (!re.ok()) {
      // Point at the offending part of the pattern when RE2 names it.
      size_t at = pattern.find(re.error_arg());
      if (re.error_arg().empty() || at == std::string_view::npos) at = 0;
      error(line, pos + at, "invalid pattern: " + re.error());
      continue;
    }
    if (RE2::FullMatch("", re)) {
      error(line, pos, "pattern matches an empty line, so it would match far too much");
      continue;
    }
    rule.pattern = std::string(pattern);
    rules->rules_.push_back(std::move(rule));
  }
  if (!ok) return nullptr;

  rules->line_set_ = std::make_unique<RE2::Set>(PatternOptions(), RE2::ANCHOR_BOTH);
  std::string elements;
  for (const BoilerplateRule& rule : rules->rules_) {
    if (rule.action == BoilerplateRule::Action::kElement) {
      if (!elements.empty()) elements += '|';
      elements += "(?:" + rule.pattern + ")";
      continue;
    }
    std::string set_error;
    if (rules->line_set_->Add(rule.pattern, &set_error) < 0) {
      sink->Error(path, rule.line, 0, "invalid pattern: " + set_error);
      return nullptr;
    }
    rules->line_rules_.push_back(&rule);
  }
  if (!rules->line_rules_.empty() && !rules->line_set_->Compile()) {
    sink->Error(path, 0, 0, "line rules too large to compile together");
    return nullptr;
  }
  if (!elements.empty()) {
    rules->element_re_ = std::make_unique<RE2>(elements, PatternOptions());
    if (!rules->element_re_->ok()) {
      sink->Error(path, 0, 0, "element rules do not compile together: " +
                                  rules->element_re_->error());
      return nullptr;
    }
  }
  return rules;
}

bool BoilerplateRules::RejectsClassOrId(std::string_view name) const {
  return element_re_ && RE2::FullMatch(name, *element_re_);
}

int BoilerplateRules::Match(std::string_view line) const {
  if (line_rules_.empty() || line.size() > kMaxBoilerplateLineBytes) return -1;
  std::vector<int> hits;
  if (!line_set_->Match(line, &hits) || hits.empty()) return -1;
  return *std::min_element(hits.begin(), hits.end());
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
