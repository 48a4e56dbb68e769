// Exports ParseRelationRules: the line syntax of relation rule files (word
// lists, rules, examples), on top of the shared comment and position
// conventions of core/rule_text.h.
#include "relations/rule_file.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/rule_text.h"

namespace quarry {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsIdChar(char c) {
  return IsNameChar(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '/' || c == ':';
}
bool IsName(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z' && std::all_of(s.begin(), s.end(), IsNameChar);
}

// Splits word list phrases on '|', except inside a /regex/ phrase, whose
// alternatives are its own.
std::vector<RuleField> SplitPhrases(std::string_view text) {
  std::vector<RuleField> fields;
  size_t start = 0;
  bool field_empty = true, in_regex = false;
  auto add = [&](size_t end) {
    std::string_view raw = text.substr(start, end - start);
    size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    fields.push_back({Trim(raw), start + lead});
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_regex) {
      if (c == '\\') ++i;
      else if (c == '/') in_regex = false;
      continue;
    }
    if (c == '|') {
      add(i);
      start = i + 1;
      field_empty = true;
      continue;
    }
    if (c == '/' && field_empty) in_regex = true;
    if (c != ' ' && c != '\t') field_empty = false;
  }
  add(text.size());
  return fields;
}

// The first blank-separated word of a line, and where the rest starts.
struct Head {
  std::string_view word;
  std::string_view rest;
  size_t rest_offset = 0;
};

Head SplitHead(std::string_view text) {
  Head head;
  size_t end = 0;
  while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
  head.word = text.substr(0, end);
  size_t rest = end;
  while (rest < text.size() && (text[rest] == ' ' || text[rest] == '\t')) ++rest;
  head.rest = text.substr(rest);
  head.rest_offset = rest;
  return head;
}

// A position in a file, for one piece of a (possibly continued) pattern.
struct Piece {
  size_t offset = 0;  // Where the piece starts in the joined pattern.
  int line = 0;
  int column = 0;
};

struct PendingExpectation {
  std::string role;
  int line = 0;
  int column = 0;
};

// A rule while its lines are read; checked and compiled when it ends.
struct PendingRule {
  RelationRule rule;
  int column = 0;
  std::string predicate_name;
  int predicate_line = 0;
  int predicate_column = 0;
  std::vector<Piece> pieces;
  bool pattern_open = false;  // The last pattern line ended in a backslash.
  struct Fixed {
    std::string role, value;
    int line = 0, role_column = 0, value_column = 0;
  };
  std::vector<Fixed> fixed;
  std::vector<RuleExample> examples;
  std::vector<std::vector<PendingExpectation>> expectation_positions;  // Per example.
  bool failed = false;
};

class FileParser {
 public:
  FileParser(const std::string& path, DiagnosticSink* sink, RelationRuleSet* out,
             std::map<std::string, std::pair<std::string, int>>* ids)
      : path_(path), sink_(sink), out_(out), ids_(ids) {}

  // First pass: `words` blocks and `tags` lines only.
  void ReadWordLists(const std::vector<RuleLine>& lines) {
    WordList* list = nullptr;
    for (const auto& line : lines) {
      Head head = SplitHead(line.text);
      if (head.word == "rule") {
        list = nullptr;
        continue;
      }
      if (head.word == "tags") {
        list = nullptr;
        AddTagGroup(line, head);
        continue;
      }
      if (head.word == "words") {
        list = StartWordList(line, head);
        continue;
      }
      if (list) {
        entry_lines_.insert(list);
        AddWordEntry(line, list);
      }
    }
  }

  // Second pass: everything but word lists.
  void ReadRules(const std::vector<RuleLine>& lines) {
    bool in_words = false;
    for (const auto& line : lines) {
      if (rule_ && rule_->pattern_open) {
        ContinuePattern(line, line.text, 0);
        continue;
      }
      Head head = SplitHead(line.text);
      if (head.word == "words") {
        FinishRule();
        in_words = true;
        continue;
      }
      if (head.word == "rule") {
        FinishRule();
        in_words = false;
        StartRule(line, head);
        continue;
      }
      if (head.word == "tags") {  // Read in the first pass.
        FinishRule();
        in_words = false;
        continue;
      }
      if (in_words) continue;  // Read in the first pass.
      RuleLineInRule(line, head);
    }
    if (rule_ && rule_->pattern_open)
      Error(rule_->pieces.back().line, 0, "pattern continues past the end of the file");
    FinishRule();
  }

 private:
  void Error(int line, int column, std::string message) {
    sink_->Error(path_, line, column, std::move(message));
  }
  void Warning(int line, int column, std::string message) {
    sink_->Warning(path_, line, column, std::move(message));
  }

  // `tags NAME = tag | tag`.
  void AddTagGroup(const RuleLine& line, const Head& head) {
    size_t eq = head.rest.find('=');
    std::string_view name = Trim(head.rest.substr(0, eq));
    int name_column = line.ColumnOf(head.rest_offset);
    if (eq == std::string_view::npos || name.empty()) {
      Error(line.line, line.column, "a tag group is: tags NAME = tag | tag");
      return;
    }
    if (!IsName(name)) {
      Error(line.line, name_column,
            "tag group name \"" + std::string(name) + "\" must be lower-case letters, digits and _");
      return;
    }
    std::vector<std::string> tags;
    for (const auto& field : SplitFields(head.rest.substr(eq + 1), '|')) {
      if (!IsName(field.text)) {
        Error(line.line, line.ColumnOf(head.rest_offset + eq + 1 + field.offset),
              "a tag is lower-case letters, digits and _");
        return;
      }
      tags.emplace_back(field.text);
    }
    auto [it, inserted] = out_->tag_groups.try_emplace(std::string(name), std::move(tags));
    if (!inserted) {
      Error(line.line, name_column, "duplicate tag group \"" + std::string(name) + "\"");
      return;
    }
  }

  WordList* StartWordList(const RuleLine& line, const Head& head) {
    std::string_view name = head.rest;
    if (!IsName(name)) {
      if (name.empty())
        Error(line.line, line.column, "word list needs a name");
      else
        Error(line.line, line.ColumnOf(head.rest_offset),
              "word list name \"" + std::string(name) +
                  "\" must be lower-case letters, digits and _");
      return nullptr;
    }
    auto [it, inserted] = out_->word_lists.try_emplace(std::string(name));
    if (!inserted) {
      Error(line.line, line.ColumnOf(head.rest_offset),
            "duplicate word list \"" + std::string(name) + "\" (first defined at " +
                it->second.file + ":" + std::to_string(it->second.line) + ")");
      return nullptr;
    }
    it->second.name = std::string(name);
    it->second.file = path_;
    it->second.line = line.line;
    pending_lists_.push_back(&it->second);
    return &it->second;
  }

  void AddWordEntry(const RuleLine& line, WordList* list) {
    size_t eq = line.text.find('=');
    if (eq == std::string_view::npos) {
      Error(line.line, line.column, "word list entry is: value = phrase | phrase");
      return;
    }
    std::string value(Trim(line.text.substr(0, eq)));
    if (value.empty()) {
      Error(line.line, line.column, "word list entry needs a value before =");
      return;
    }
    int max_group = 0;  // The highest $N the value uses.
    for (size_t i = 0; i + 1 < value.size(); ++i)
      if (value[i] == '$' && value[i + 1] >= '1' && value[i + 1] <= '9')
        max_group = std::max(max_group, value[i + 1] - '0');
    WordEntry entry;
    entry.value = value;
    entry.line = line.line;
    entry.column = line.column;
    std::vector<std::string> stripped;
    std::vector<std::string> needed;  // One per phrase of `stripped`.
    bool ok = true;
    for (const auto& field : SplitPhrases(line.text.substr(eq + 1))) {
      size_t offset = eq + 1 + field.offset;
      std::vector<PatternError> errors;
      int groups = 0;
      std::string phrase = CompilePhrase(field.text, &groups, &errors);
      for (const auto& e : errors) {
        Error(line.line, line.ColumnOf(offset + e.offset), e.message);
        ok = false;
      }
      if (phrase.empty()) continue;
      if (groups < max_group) {
        Error(line.line, line.ColumnOf(offset),
              "value uses $" + std::to_string(max_group) + " but this phrase has " +
                  std::to_string(groups) + (groups == 1 ? " group" : " groups"));
        ok = false;
        continue;
      }
      entry.phrases.push_back(std::make_unique<RE2>(phrase, PatternOptions()));
      stripped.push_back(StripCaptures(phrase));
      // The phrase's longest word, or "" when it has none the prefilter can use.
      bool is_regex = field.text.size() >= 2 && field.text.front() == '/' && field.text.back() == '/';
      std::string longest;
      if (!is_regex)
        for (auto& w : WordsOf(field.text))
          if (w.size() > longest.size()) longest = std::move(w);
      needed.push_back(std::move(longest));
    }
    if (!ok || stripped.empty()) return;
    list->entries.push_back(std::move(entry));
    for (auto& p : stripped) phrase_pool_[list].push_back(std::move(p));
    for (auto& w : needed) needs_pool_[list].push_back(std::move(w));
  }

 public:
  // Gives each list read by this file its alternation: phrases in file
  // order, so that, as in RE2, an earlier phrase wins where two match at one
  // place (write "under contract" before "under").
  void FinishWordLists() {
    for (WordList* list : pending_lists_) {
      list->regex.clear();
      for (const auto& p : phrase_pool_[list]) list->regex += (list->regex.empty() ? "" : "|") + p;
      const auto& needed = needs_pool_[list];
      std::set<std::string> words(needed.begin(), needed.end());
      list->needs.clear();
      if (!words.count("")) list->needs.assign(words.begin(), words.end());
      if (!entry_lines_.count(list))
        Error(list->line, 0, "word list \"" + list->name + "\" has no entries");
    }
  }

 private:
  void StartRule(const RuleLine& line, const Head& head) {
    rule_ = std::make_unique<PendingRule>();
    rule_->rule.file = path_;
    rule_->rule.line = line.line;
    rule_->column = line.column;
    std::string_view id = head.rest;
    if (id.empty()) {
      Error(line.line, line.column, "rule needs an id");
      rule_->failed = true;
      return;
    }
    if (!std::all_of(id.begin(), id.end(), IsIdChar)) {
      Error(line.line, line.ColumnOf(head.rest_offset),
            "rule id \"" + std::string(id) + "\" may only use letters, digits and _ . - / :");
      rule_->failed = true;
      return;
    }
    rule_->rule.id = std::string(id);
    auto [it, inserted] = ids_->try_emplace(rule_->rule.id, path_, line.line);
    if (!inserted) {
      Error(line.line, line.ColumnOf(head.rest_offset),
            "duplicate rule id \"" + rule_->rule.id + "\" (first defined at " + it->second.first +
                ":" + std::to_string(it->second.second) + ")");
      rule_->failed = true;
    }
  }

  void RuleLineInRule(const RuleLine& line, const Head& head) {
    std::string_view word = head.word;
    bool example = word == "+" || word == "-" || word == "=";
    if (!rule_) {
      if (example)
        Error(line.line, line.column, std::string(word == "=" ? "expectation" : "example") +
                                          " outside a rule");
      else if (word == "predicate" || word == "pattern" || word == "set" || word == "confidence")
        Error(line.line, line.column, std::string(word) + " outside a rule");
      else
        Error(line.line, line.column,
              "unknown line \"" + std::string(word) + "\"; expected rule, words or tags");
      return;
    }
    if (word == "predicate") {
      if (!rule_->predicate_name.empty()) {
        Error(line.line, line.column, "rule has two predicates");
        rule_->failed = true;
        return;
      }
      rule_->predicate_name = std::string(head.rest);
      rule_->predicate_line = line.line;
      rule_->predicate_column = line.ColumnOf(head.rest_offset);
      if (head.rest.empty()) {
        Error(line.line, line.column, "predicate needs a name");
        rule_->failed = true;
      }
    } else if (word == "pattern") {
      if (!rule_->pieces.empty()) {
        Error(line.line, line.column, "rule has two patterns");
        rule_->failed = true;
        return;
      }
      ContinuePattern(line, head.rest, head.rest_offset);
    } else if (word == "set") {
      Head role = SplitHead(head.rest);
      if (role.word.empty() || role.rest.empty()) {
        Error(line.line, line.column, "set is: set role value");
        rule_->failed = true;
        return;
      }
      rule_->fixed.push_back({std::string(role.word), std::string(role.rest), line.line,
                              line.ColumnOf(head.rest_offset),
                              line.ColumnOf(head.rest_offset + role.rest_offset)});
    } else if (word == "confidence") {
      std::string text(head.rest);
      char* end = nullptr;
      double value = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !(value > 0 && value <= 1)) {
        Error(line.line, line.ColumnOf(head.rest_offset),
              "confidence is a number above 0 and at most 1");
        rule_->failed = true;
        return;
      }
      rule_->rule.confidence = value;
    } else if (word == "+" || word == "-") {
      if (head.rest.empty()) {
        Error(line.line, line.column, "example needs a sentence");
        return;
      }
      RuleExample ex;
      ex.rule_id = rule_->rule.id;
      ex.file = path_;
      ex.line = line.line;
      ex.column = line.ColumnOf(head.rest_offset);
      ex.positive = word == "+";
      ex.sentence = std::string(head.rest);
      rule_->examples.push_back(std::move(ex));
      rule_->expectation_positions.emplace_back();
    } else if (word == "=") {
      if (rule_->examples.empty() || !rule_->examples.back().positive ||
          !rule_->examples.back().expected.empty()) {
        Error(line.line, line.column, "an = line follows a + example, once");
        rule_->failed = true;
        return;
      }
      AddExpectations(line, head);
    } else {
      Error(line.line, line.column,
            "unknown line \"" + std::string(word) +
                "\"; expected predicate, pattern, set, confidence, + or - example, or =");
      rule_->failed = true;
    }
  }

  void AddExpectations(const RuleLine& line, const Head& head) {
    RuleExample& ex = rule_->examples.back();
    for (const auto& field : SplitFields(head.rest, '|')) {
      size_t colon = field.text.find(':');
      int column = line.ColumnOf(head.rest_offset + field.offset);
      if (colon == std::string_view::npos || Trim(field.text.substr(colon + 1)).empty()) {
        Error(line.line, column, "expectation is: = role: value | role: value");
        rule_->failed = true;
        continue;
      }
      std::string role(Trim(field.text.substr(0, colon)));
      ex.expected.push_back({role, std::string(Trim(field.text.substr(colon + 1)))});
      rule_->expectation_positions.back().push_back({role, line.line, column});
    }
  }

  void ContinuePattern(const RuleLine& line, std::string_view text, size_t offset) {
    std::string_view body = text;
    bool more = !body.empty() && body.back() == '\\';
    if (more) body = Trim(body.substr(0, body.size() - 1));
    std::string& joined = rule_->rule.pattern_text;
    if (!joined.empty()) joined += ' ';
    rule_->pieces.push_back({joined.size(), line.line, line.ColumnOf(offset)});
    joined += body;
    rule_->pattern_open = more;
  }

  // The file position of byte `offset` of a pattern joined from `pieces`.
  static std::pair<int, int> PatternPosition(const std::vector<Piece>& pieces, size_t offset) {
    const Piece* piece = &pieces.front();
    for (const auto& p : pieces)
      if (p.offset <= offset) piece = &p;
    return {piece->line, piece->column + static_cast<int>(offset - piece->offset)};
  }

  void FinishRule() {
    if (!rule_) return;
    std::unique_ptr<PendingRule> pending = std::move(rule_);
    RelationRule& rule = pending->rule;
    bool ok = !pending->failed;
    const PredicateSpec* predicate = nullptr;
    if (pending->predicate_name.empty()) {
      if (!pending->failed) Error(rule.line, pending->column, "rule \"" + rule.id + "\" has no predicate");
      ok = false;
    } else {
      predicate = FindPredicate(pending->predicate_name);
      if (!predicate) {
        std::string names;
        for (const auto& p : Predicates()) names += (names.empty() ? "" : ", ") + std::string(p.name);
        Error(pending->predicate_line, pending->predicate_column,
              "unknown predicate \"" + pending->predicate_name + "\" (known: " + names + ")");
        ok = false;
      }
    }
    if (pending->pieces.empty()) {
      if (!pending->failed) Error(rule.line, pending->column, "rule \"" + rule.id + "\" has no pattern");
      ok = false;
    }
    if (!ok) return;
    rule.predicate = predicate;
    for (auto& ex : pending->examples) ex.predicate = std::string(predicate->name);

    std::vector<PatternError> errors;
    CompilePattern(rule.pattern_text, *predicate, out_->word_lists, out_->tag_groups,
                   &rule.pattern, &errors);
    for (const auto& e : errors) {
      auto [line, column] = PatternPosition(pending->pieces, e.offset);
      Error(line, column, e.message);
    }
    if (!errors.empty()) return;

    std::set<std::string> bound(rule.pattern.roles.begin(), rule.pattern.roles.end());
    for (const auto& f : pending->fixed) {
      const RoleSpec* spec = predicate->FindRole(f.role);
      if (!spec || spec->kind != RoleKind::kLiteral) {
        Error(f.line, f.role_column,
              spec ? "set only gives literal roles; \"" + f.role + "\" of " +
                         std::string(predicate->name) + " takes " + JoinOr(spec->types)
                   : "unknown role \"" + f.role + "\" for predicate " +
                         std::string(predicate->name));
        ok = false;
        continue;
      }
      if (!spec->values.empty() &&
          std::find(spec->values.begin(), spec->values.end(), f.value) == spec->values.end()) {
        Error(f.line, f.value_column, "role \"" + f.role + "\" of " + std::string(predicate->name) +
                                          " takes " + JoinOr(spec->values) + ", not \"" + f.value +
                                          "\"");
        ok = false;
        continue;
      }
      if (bound.count(f.role)) {
        Error(f.line, f.role_column, "role \"" + f.role + "\" is already bound by the pattern");
        ok = false;
        continue;
      }
      bound.insert(f.role);
      rule.fixed.emplace_back(f.role, f.value);
    }
    if (!ok) return;
    for (const auto& role : predicate->roles) {
      if (!role.required || bound.count(std::string(role.name))) continue;
      Error(rule.line, pending->column, "rule \"" + rule.id + "\" binds no \"" +
                                            std::string(role.name) + "\", which " +
                                            std::string(predicate->name) + " requires");
      ok = false;
    }
    if (!predicate->one_of.empty() &&
        std::none_of(predicate->one_of.begin(), predicate->one_of.end(),
                     [&](std::string_view r) { return bound.count(std::string(r)); })) {
      Error(rule.line, pending->column, "rule \"" + rule.id + "\" binds none of " +
                                            JoinOr(predicate->one_of) + "; " +
                                            std::string(predicate->name) + " needs one");
      ok = false;
    }
    for (size_t i = 0; i < pending->examples.size(); ++i) {
      for (const auto& exp : pending->expectation_positions[i]) {
        if (predicate->FindRole(exp.role)) continue;
        Error(exp.line, exp.column, "unknown role \"" + exp.role + "\" for predicate " +
                                        std::string(predicate->name));
        ok = false;
      }
    }
    if (!ok) return;
    auto has = [&](bool positive) {
      return std::any_of(pending->examples.begin(), pending->examples.end(),
                         [&](const RuleExample& e) { return e.positive == positive; });
    };
    if (!has(true)) Warning(rule.line, pending->column, "rule \"" + rule.id + "\" has no + example");
    if (!has(false)) Warning(rule.line, pending->column, "rule \"" + rule.id + "\" has no - example");
    out_->rules.push_back(std::move(rule));
    for (auto& ex : pending->examples) out_->examples.push_back(std::move(ex));
  }

  std::string path_;
  DiagnosticSink* sink_;
  RelationRuleSet* out_;
  std::map<std::string, std::pair<std::string, int>>* ids_;
  std::unique_ptr<PendingRule> rule_;
  std::vector<WordList*> pending_lists_;
  std::set<const WordList*> entry_lines_;  // Lists with at least one entry line.
  std::map<WordList*, std::vector<std::string>> phrase_pool_;
  std::map<WordList*, std::vector<std::string>> needs_pool_;  // WordList::needs, per phrase.
};

}  // namespace

RelationRuleSet ParseRelationRules(const std::vector<RelationRuleSource>& sources,
                                   DiagnosticSink* sink) {
  RelationRuleSet out;
  std::map<std::string, std::pair<std::string, int>> ids;
  std::vector<std::vector<RuleLine>> lines;
  for (const auto& source : sources) lines.push_back(SplitRuleLines(source.content));
  for (size_t i = 0; i < sources.size(); ++i) {
    FileParser parser(sources[i].path, sink, &out, &ids);
    parser.ReadWordLists(lines[i]);
    parser.FinishWordLists();
  }
  for (size_t i = 0; i < sources.size(); ++i) {
    FileParser parser(sources[i].path, sink, &out, &ids);
    parser.ReadRules(lines[i]);
  }
  return out;
}

}  // namespace quarry
