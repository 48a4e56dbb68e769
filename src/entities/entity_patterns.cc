// Exports EntityPatterns: the parser of rules/entity_patterns.rules and the
// RE2 matcher of its name-shape patterns (see entity_patterns.h).
#include "entities/entity_patterns.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/rule_text.h"
#include "entities/name_tokens.h"

namespace quarry {
namespace {

bool IsMacroChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool IsPatternIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  return options;
}

class Parser {
 public:
  Parser(const std::string& file, DiagnosticSink* sink) : file_(file), sink_(sink) {}

  bool Parse(std::string_view content, std::vector<EntityPattern>* patterns,
             std::vector<CorefRule>* corefs, std::set<std::string>* stop,
             std::set<std::string>* not_person, std::set<std::string>* it_verbs,
             std::vector<std::vector<std::string>>* legal) {
    for (const RuleLine& line : SplitRuleLines(content)) {
      std::string_view text = line.text;
      size_t colon = text.find(':');
      std::string_view head = Trim(text.substr(0, colon == std::string_view::npos ? text.size() : colon));
      std::vector<RuleField> words = SplitWords(head);
      std::string_view keyword = words.empty() ? std::string_view() : words[0].text;
      if (keyword == "define") {
        Define(line);
        continue;
      }
      if (colon == std::string_view::npos) {
        Error(line, 0, "expected `define`, `pattern`, `coref` or a word list (`stop:`, `notperson:`, `legal:`, `it_verbs:`)");
        continue;
      }
      size_t value_offset = colon + 1;
      while (value_offset < text.size() && (text[value_offset] == ' ' || text[value_offset] == '\t'))
        ++value_offset;
      std::string_view value = text.substr(value_offset);
      if (keyword == "pattern") {
        Pattern(line, words, value_offset, value, patterns);
      } else if (keyword == "coref") {
        Coref(line, words, value_offset, value, corefs);
      } else if (words.size() == 1 && (keyword == "stop" || keyword == "notperson" ||
                                       keyword == "it_verbs" || keyword == "legal")) {
        for (const RuleField& f : SplitFields(value, ',')) {
          if (f.text.empty()) {
            Error(line, value_offset + f.offset, "empty word in the list");
            continue;
          }
          if (keyword == "legal") {
            std::vector<std::string> folded;
            NameTokens tokens(f.text);
            for (size_t i = 0; i < tokens.size(); ++i)
              if (tokens[i].word) folded.emplace_back(tokens.Folded(i));
            if (folded.empty()) {
              Error(line, value_offset + f.offset, "legal suffix \"" + std::string(f.text) + "\" has no letters");
              continue;
            }
            if (std::find(legal->begin(), legal->end(), folded) == legal->end()) legal->push_back(folded);
          } else {
            std::set<std::string>* set = keyword == "stop" ? stop : keyword == "notperson" ? not_person : it_verbs;
            set->insert(FoldText(f.text));
          }
        }
      } else {
        Error(line, words.empty() ? 0 : words[0].offset,
              "unknown line kind \"" + std::string(keyword) +
                  "\" (expected define, pattern, coref, stop, notperson, legal or it_verbs)");
      }
    }
    return errors_ == 0;
  }

 private:
  void Error(const RuleLine& line, size_t offset, std::string message) {
    ++errors_;
    sink_->Error(file_, line.line, line.ColumnOf(offset), std::move(message));
  }

  // define NAME = REGEX
  void Define(const RuleLine& line) {
    std::string_view text = line.text;
    size_t eq = text.find('=');
    if (eq == std::string_view::npos) {
      Error(line, 0, "expected `define NAME = regex`");
      return;
    }
    std::string_view name = Trim(text.substr(6, eq - 6));
    size_t name_offset = text.find(name, 6);
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsMacroChar)) {
      Error(line, name.empty() ? eq : name_offset,
            "bad macro name \"" + std::string(name) + "\": use upper-case letters, digits and '_'");
      return;
    }
    if (macros_.count(std::string(name))) {
      Error(line, name_offset, "macro \"" + std::string(name) + "\" is already defined");
      return;
    }
    size_t body_offset = eq + 1;
    while (body_offset < text.size() && (text[body_offset] == ' ' || text[body_offset] == '\t'))
      ++body_offset;
    std::string expanded;
    if (!Expand(line, body_offset, text.substr(body_offset), &expanded)) return;
    RE2 check(expanded, PatternOptions());
    if (!check.ok()) {
      Error(line, ErrorOffset(body_offset, text.substr(body_offset), check),
            "bad regex in macro " + std::string(name) + ": " + check.error());
      return;
    }
    macros_[std::string(name)] = "(?:" + expanded + ")";
  }

  // Replaces every %{NAME} of `raw` by its definition.
  bool Expand(const RuleLine& line, size_t offset, std::string_view raw, std::string* out) {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        *out += raw.substr(i, 2);
        ++i;
        continue;
      }
      if (raw[i] == '%' && i + 1 < raw.size() && raw[i + 1] == '{') {
        size_t close = raw.find('}', i);
        std::string name(raw.substr(i + 2, close == std::string_view::npos ? 0 : close - i - 2));
        auto it = macros_.find(name);
        if (close == std::string_view::npos || it == macros_.end()) {
          Error(line, offset + i, "unknown macro %{" + name + "} (define it above its first use)");
          return false;
        }
        *out += it->second;
        i = close;
        continue;
      }
      *out += raw[i];
    }
    return true;
  }

  // Where in the line RE2's complaint points: the offending fragment when it
  // can be found in the pattern as written, else the pattern's start.
  static size_t ErrorOffset(size_t offset, std::string_view raw, const RE2& re) {
    const std::string& arg = re.error_arg();
    size_t at = arg.empty() ? std::string_view::npos : raw.find(arg);
    return offset + (at == std::string_view::npos ? 0 : at);
  }

  // pattern ID CLASS CONFIDENCE: REGEX
  void Pattern(const RuleLine& line, const std::vector<RuleField>& words, size_t offset,
               std::string_view raw, std::vector<EntityPattern>* patterns) {
    if (words.size() != 4) {
      Error(line, 0, "expected `pattern ID CLASS CONFIDENCE: regex`");
      return;
    }
    EntityPattern pattern;
    pattern.line = line.line;
    pattern.id = std::string(words[1].text);
    if (!std::all_of(pattern.id.begin(), pattern.id.end(), IsPatternIdChar)) {
      Error(line, words[1].offset,
            "bad pattern id \"" + pattern.id + "\": use lower-case letters, digits, '_', '.' and '-'");
      return;
    }
    auto seen = ids_.find(pattern.id);
    if (seen != ids_.end()) {
      Error(line, words[1].offset,
            "duplicate pattern id \"" + pattern.id + "\" (first defined at line " +
                std::to_string(seen->second) + ")");
      return;
    }
    pattern.entity_class = std::string(words[2].text);
    if (pattern.entity_class != "ORG" && pattern.entity_class != "PERSON" &&
        pattern.entity_class != "PLACE") {
      Error(line, words[2].offset,
            "unknown class \"" + pattern.entity_class +
                "\" (patterns discover ORG, PERSON or PLACE)");
      return;
    }
    std::string_view conf = words[3].text;
    auto [end, ec] = std::from_chars(conf.data(), conf.data() + conf.size(), pattern.confidence);
    if (ec != std::errc() || end != conf.data() + conf.size() || pattern.confidence <= 0 ||
        pattern.confidence >= 1) {
      Error(line, words[3].offset,
            "confidence must be a number between 0 and 1 (exclusive), not \"" + std::string(conf) + "\"");
      return;
    }
    if (raw.empty()) {
      Error(line, offset, "empty pattern");
      return;
    }
    std::string expanded;
    if (!Expand(line, offset, raw, &expanded)) return;
    pattern.re = std::make_unique<AsciiFastRegex>(expanded, PatternOptions());
    const RE2& re = pattern.re->utf8();
    if (!re.ok()) {
      Error(line, ErrorOffset(offset, raw, re), "bad regex: " + re.error());
      return;
    }
    const auto& groups = re.NamedCapturingGroups();
    for (const auto& [name, index] : groups) {
      if (name == "name") {
        pattern.name_group = index;
      } else if (name == "ticker") {
        pattern.ticker_group = index;
      } else if (name == "region" && pattern.entity_class == "PLACE") {
        pattern.region_group = index;
      } else {
        size_t at = raw.find("(?P<" + name + ">");
        Error(line, offset + (at == std::string_view::npos ? 0 : at),
              "unknown role \"" + name + "\" (expected name, ticker or, for PLACE, region)");
        return;
      }
    }
    if (pattern.name_group == 0) {
      Error(line, offset, "pattern has no (?P<name>...) group");
      return;
    }
    // A locality is only trusted beside a known region ("Blytheville,
    // Arkansas"); a capitalized word before a comma is no place by itself.
    if (pattern.entity_class == "PLACE" && pattern.region_group < 0) {
      Error(line, offset, "a PLACE pattern needs a (?P<region>...) group");
      return;
    }
    ids_[pattern.id] = line.line;
    patterns->push_back(std::move(pattern));
  }

  // coref STRATEGY [tag=a,b]: phrase, phrase
  void Coref(const RuleLine& line, const std::vector<RuleField>& words, size_t offset,
             std::string_view value, std::vector<CorefRule>* corefs) {
    if (words.size() < 2 || words.size() > 3) {
      Error(line, 0, "expected `coref STRATEGY [tag=TAG,...]: phrase, phrase`");
      return;
    }
    CorefRule rule;
    rule.line = line.line;
    std::string_view strategy = words[1].text;
    if (strategy == "nearest") {
      rule.strategy = CorefStrategy::kNearest;
    } else if (strategy == "latter") {
      rule.strategy = CorefStrategy::kLatter;
    } else if (strategy == "former") {
      rule.strategy = CorefStrategy::kFormer;
    } else if (strategy == "it") {
      rule.strategy = CorefStrategy::kIt;
    } else {
      Error(line, words[1].offset,
            "unknown coreference strategy \"" + std::string(strategy) +
                "\" (expected nearest, latter, former or it)");
      return;
    }
    if (words.size() == 3) {
      std::string_view tags = words[2].text;
      if (tags.substr(0, 4) != "tag=" || tags.size() == 4) {
        Error(line, words[2].offset, "expected tag=TAG[,TAG...]");
        return;
      }
      for (const RuleField& f : SplitFields(tags.substr(4), ','))
        if (!f.text.empty()) rule.tags.emplace_back(f.text);
    }
    for (const RuleField& f : SplitFields(value, ',')) {
      if (f.text.empty()) {
        Error(line, offset + f.offset, "empty phrase");
        return;
      }
      rule.phrases.emplace_back(f.text);
    }
    corefs->push_back(std::move(rule));
  }

  const std::string& file_;
  DiagnosticSink* sink_;
  int errors_ = 0;
  std::map<std::string, std::string> macros_;
  std::map<std::string, int> ids_;
};

}  // namespace

std::unique_ptr<EntityPatterns> EntityPatterns::Parse(const std::string& file_name,
                                                      std::string_view content,
                                                      DiagnosticSink* sink) {
  auto result = std::unique_ptr<EntityPatterns>(new EntityPatterns());
  Parser parser(file_name, sink);
  if (!parser.Parse(content, &result->patterns_, &result->coref_rules_, &result->stop_,
                    &result->not_person_, &result->it_verbs_, &result->legal_)) {
    return nullptr;
  }
  // Longest suffixes first, so "Pte. Ltd." is stripped before "Ltd.".
  std::stable_sort(result->legal_.begin(), result->legal_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  if (!result->patterns_.empty()) {
    // All patterns in one program outgrow RE2's default 8 MB budget (the
    // Unicode classes of the name shapes are large); the set only decides
    // which patterns to run, so give it room rather than drop patterns.
    RE2::Options set_options = PatternOptions();
    set_options.set_max_mem(int64_t{64} << 20);
    result->prefilter_ = std::make_unique<AsciiFastSet>(set_options, RE2::UNANCHORED);
    for (const EntityPattern& p : result->patterns_) {
      std::string error;
      if (result->prefilter_->Add(p.re->utf8().pattern(), &error) < 0) {
        sink->Error(file_name, p.line, 0, "pattern " + p.id + " cannot join the pattern set: " + error);
        return nullptr;
      }
    }
    if (!result->prefilter_->Compile()) {
      sink->Error(file_name, 0, 0, "the patterns are too large to compile together");
      return nullptr;
    }
    // Non-ASCII sentences may take the Latin-1 programs only when every
    // pattern reads Latin1Text exactly; the set's mentioned() covers them all.
    result->reads_latin1_text_ = result->prefilter_->ReadsLatin1Text();
    for (const EntityPattern& p : result->patterns_) {
      if (!p.re->ReadsLatin1Text()) result->reads_latin1_text_ = false;
    }
  }
  return result;
}

void EntityPatterns::Find(std::string_view text, Span sentence, std::vector<PatternMatch>* out) const {
  if (!prefilter_ || sentence.empty()) return;
  const std::string_view s = sentence.Of(text);
  // The patterns run as Latin-1 programs on ASCII sentences and on sentences
  // that read exactly as Latin-1 (see core/ascii_regex.h), as UTF-8 on the rest.
  thread_local Latin1Text transcoded;
  std::string_view input = s;
  bool latin1 = IsAscii(s);
  bool mapped = false;
  if (!latin1 && reads_latin1_text_ && transcoded.Assign(s, prefilter_->mentioned())) {
    input = transcoded.text();
    latin1 = mapped = true;
  }
  auto offset = [&](const char* p) {
    const size_t i = static_cast<size_t>(p - input.data());
    return sentence.begin + (mapped ? transcoded.Utf8Offset(i) : static_cast<uint32_t>(i));
  };
  auto span = [&](const re2::StringPiece& g) {
    return Span{offset(g.data()), offset(g.data() + g.size())};
  };
  std::vector<int> which;
  if (!prefilter_->Match(input, latin1, &which)) return;
  std::sort(which.begin(), which.end());
  std::vector<re2::StringPiece> groups;
  for (int index : which) {
    const EntityPattern& p = patterns_[index];
    const RE2& re = mapped ? p.re->latin1() : p.re->For(latin1);
    groups.assign(static_cast<size_t>(re.NumberOfCapturingGroups()) + 1, re2::StringPiece());
    size_t pos = 0;
    while (pos <= input.size() && re.Match(re2::StringPiece(input.data(), input.size()), pos,
                                           input.size(), RE2::UNANCHORED, groups.data(),
                                           static_cast<int>(groups.size()))) {
      const re2::StringPiece& whole = groups[0];
      const re2::StringPiece& name = groups[p.name_group];
      if (name.data() != nullptr && !name.empty()) {
        PatternMatch m;
        m.pattern = &p;
        m.name = span(name);
        auto group_span = [&](int group) {
          return group > 0 && groups[group].data() != nullptr ? span(groups[group]) : Span{};
        };
        m.ticker = group_span(p.ticker_group);
        m.region = group_span(p.region_group);
        out->push_back(m);
      }
      size_t end = static_cast<size_t>(whole.data() - input.data()) + whole.size();
      // Step past an empty match by one whole character.
      if (end <= pos) {
        end = pos + 1;
        while (!latin1 && end < input.size() && (static_cast<unsigned char>(input[end]) & 0xC0) == 0x80) ++end;
      }
      pos = end;
    }
  }
}

}  // namespace quarry
