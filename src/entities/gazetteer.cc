// Exports Gazetteer: the parser of rules/gazetteer.rules and the alias
// matcher built on NameTrie (see gazetteer.h; the file syntax is documented at
// the top of rules/gazetteer.rules).
#include "entities/gazetteer.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/rule_text.h"

namespace quarry {
namespace {

constexpr int kMaxPriority = 1000;

bool IsIdChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
bool IsTagChar(char c) { return IsIdChar(c); }

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// How a listing is written on one exchange: "NASDAQ: META", "META.US", ...
struct Exchange {
  const char* name;
  std::vector<const char*> prefixes;  // Written "PREFIX: SYMBOL" and "PREFIX:SYMBOL".
  std::vector<const char*> suffixes;  // Written "SYMBOL.SUFFIX".
  bool pad_hong_kong = false;         // Hong Kong codes also appear as "0700", "700", "00700".
};

const std::vector<Exchange>& Exchanges() {
  static const std::vector<Exchange> kExchanges = {
      {"NASDAQ", {"NASDAQ"}, {"US", "O"}},
      {"NYSE", {"NYSE"}, {"US", "N"}},
      {"HKEX", {"HKEX", "HKG", "SEHK"}, {"HK"}, true},
      {"TYO", {"TYO", "TSE"}, {"T"}},
      {"TWSE", {"TWSE", "TPE"}, {"TW"}},
      {"KRX", {"KRX", "KOSPI"}, {"KS"}},
      {"SSE", {"SSE", "SHA"}, {"SS", "SH"}},
      {"SZSE", {"SZSE", "SHE"}, {"SZ"}},
      {"LSE", {"LSE", "LON"}, {"L"}},
      {"EPA", {"EPA"}, {"PA"}},
      {"AMS", {"AMS"}, {"AS"}},
      {"ETR", {"ETR", "FRA"}, {"DE"}},
      {"TSX", {"TSX"}, {"TO"}},
      {"ASX", {"ASX"}, {"AX"}},
  };
  return kExchanges;
}

std::string KnownExchanges() {
  std::string all;
  for (const Exchange& e : Exchanges()) {
    if (!all.empty()) all += ", ";
    all += e.name;
  }
  return all;
}

// The listing aliases of SYMBOL on `exchange`, in a fixed order.
std::vector<std::string> ListingForms(const Exchange& exchange, std::string_view symbol) {
  std::vector<std::string> symbols = {std::string(symbol)};
  if (exchange.pad_hong_kong) {
    std::string stripped(symbol.substr(std::min(symbol.find_first_not_of('0'), symbol.size())));
    std::string padded = std::string(symbol.size() < 5 ? 5 - symbol.size() : 0, '0') +
                         std::string(symbol);
    for (const std::string& s : {stripped, padded})
      if (!s.empty() && std::find(symbols.begin(), symbols.end(), s) == symbols.end())
        symbols.push_back(s);
  }
  std::vector<std::string> forms;
  for (const std::string& s : symbols) {
    for (const char* p : exchange.prefixes) {
      forms.push_back(std::string(p) + ": " + s);
      forms.push_back(std::string(p) + ":" + s);
    }
    for (const char* x : exchange.suffixes) forms.push_back(s + "." + x);
  }
  // A five-digit Hong Kong code ("09988") is itself a common way to name
  // the listing, usually in parentheses.
  if (exchange.pad_hong_kong) forms.push_back(symbols.back());
  return forms;
}

// The trie key of an alias as one string, for comparing aliases.
std::string KeyOf(const NameTokens& tokens) {
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) key += tokens[i].space_before ? '\x01' : '\x02';
    key += tokens.Folded(i);
  }
  return key;
}

class Parser {
 public:
  Parser(const std::string& file, DiagnosticSink* sink) : file_(file), sink_(sink) {}

  bool Parse(std::string_view content, std::vector<GazetteerEntry>* entries) {
    for (const RuleLine& line : SplitRuleLines(content)) {
      if (line.text[0] == '[') {
        Header(line, entries);
      } else {
        KeyLine(line);
      }
    }
    return errors_ == 0;
  }

 private:
  void Error(const RuleLine& line, size_t offset, std::string message) {
    ++errors_;
    sink_->Error(file_, line.line, line.ColumnOf(offset), std::move(message));
  }
  void Warning(const RuleLine& line, size_t offset, std::string message) {
    sink_->Warning(file_, line.line, line.ColumnOf(offset), std::move(message));
  }

  // [id] CLASS "Canonical name"
  void Header(const RuleLine& line, std::vector<GazetteerEntry>* entries) {
    current_ = nullptr;
    header_failed_ = true;
    std::string_view text = line.text;
    size_t close = text.find(']');
    if (close == std::string_view::npos) {
      Error(line, 0, "missing ']' after the entry id");
      return;
    }
    std::string_view id = text.substr(1, close - 1);
    if (id.empty() || !std::all_of(id.begin(), id.end(), IsIdChar)) {
      Error(line, 1,
            "bad entry id \"" + std::string(id) +
                "\": use lower-case letters, digits and '_' (discovered names own ids with ':')");
      return;
    }
    size_t pos = close + 1;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    size_t class_end = pos;
    while (class_end < text.size() && text[class_end] != ' ' && text[class_end] != '\t') ++class_end;
    std::string_view entity_class = text.substr(pos, class_end - pos);
    if (entity_class.empty()) {
      Error(line, pos, "expected a class (ORG, PERSON, PLACE or PRODUCT) after the id");
      return;
    }
    if (entity_class != "ORG" && entity_class != "PERSON" && entity_class != "PLACE" &&
        entity_class != "PRODUCT") {
      Error(line, pos,
            "unknown class \"" + std::string(entity_class) +
                "\" (expected ORG, PERSON, PLACE or PRODUCT)");
      return;
    }
    pos = class_end;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos >= text.size() || text[pos] != '"') {
      Error(line, pos, "expected the canonical name in double quotes after the class");
      return;
    }
    std::string name;
    size_t i = pos + 1;
    bool closed = false;
    for (; i < text.size(); ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        name += text[++i];
      } else if (text[i] == '"') {
        closed = true;
        break;
      } else {
        name += text[i];
      }
    }
    if (!closed) {
      Error(line, pos, "unterminated canonical name (missing closing '\"')");
      return;
    }
    if (Trim(name).empty()) {
      Error(line, pos, "empty canonical name");
      return;
    }
    if (i + 1 < text.size()) {
      Error(line, i + 1, "unexpected text after the canonical name");
      return;
    }
    auto seen = ids_.find(std::string(id));
    if (seen != ids_.end()) {
      Error(line, 1,
            "duplicate entry id \"" + std::string(id) + "\" (first defined at line " +
                std::to_string(seen->second) + ")");
      return;
    }
    ids_[std::string(id)] = line.line;
    GazetteerEntry entry;
    entry.id = std::string(id);
    entry.entity_class = std::string(entity_class);
    entry.name = std::string(Trim(name));
    entry.line = line.line;
    GazetteerAlias canonical;
    canonical.text = entry.name;
    canonical.kind = AliasKind::kName;
    canonical.line = line.line;
    canonical.column = line.ColumnOf(pos + 1);
    entry.aliases.push_back(std::move(canonical));
    entries->push_back(std::move(entry));
    current_ = &entries->back();
    header_failed_ = false;
  }

  void KeyLine(const RuleLine& line) {
    std::string_view text = line.text;
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      Error(line, 0, "expected `key: value` or an entry header `[id] CLASS \"Name\"`");
      return;
    }
    std::string_view key = Trim(text.substr(0, colon));
    size_t value_offset = colon + 1;
    while (value_offset < text.size() && (text[value_offset] == ' ' || text[value_offset] == '\t'))
      ++value_offset;
    std::string_view value = text.substr(value_offset);
    if (key == "tagset") {
      for (const RuleField& f : SplitFields(value, ',')) {
        if (!CheckTag(line, value_offset + f.offset, f.text)) continue;
        tagset_.insert(std::string(f.text));
      }
      return;
    }
    if (key != "alias" && key != "former" && key != "ticker" && key != "tags" &&
        key != "priority") {
      Error(line, 0,
            "unknown key \"" + std::string(key) +
                "\" (expected alias, former, ticker, tags, priority or tagset)");
      return;
    }
    if (current_ == nullptr) {
      // Lines under a broken header belong to an entry already reported.
      if (!header_failed_) Error(line, 0, "`" + std::string(key) + ":` before any entry header");
      return;
    }
    if (value.empty()) {
      Error(line, value_offset, "empty value for `" + std::string(key) + ":`");
      return;
    }
    if (key == "tags") {
      for (const RuleField& f : SplitFields(value, ',')) {
        size_t at = value_offset + f.offset;
        if (!CheckTag(line, at, f.text)) continue;
        if (!tagset_.empty() && !tagset_.count(std::string(f.text))) {
          Error(line, at, "unknown tag \"" + std::string(f.text) + "\" (not declared by a tagset line)");
          continue;
        }
        if (std::find(current_->tags.begin(), current_->tags.end(), f.text) == current_->tags.end())
          current_->tags.emplace_back(f.text);
      }
    } else if (key == "priority") {
      int p = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), p);
      if (ec != std::errc() || end != value.data() + value.size() || p < 0 || p > kMaxPriority) {
        Error(line, value_offset,
              "priority must be an integer from 0 to " + std::to_string(kMaxPriority) + ", not \"" +
                  std::string(value) + "\"");
        return;
      }
      current_->priority = p;
    } else if (key == "ticker") {
      Ticker(line, value_offset, value);
    } else {
      Alias(line, value_offset, value, key == "former" ? AliasKind::kFormer : AliasKind::kAlias);
    }
  }

  bool CheckTag(const RuleLine& line, size_t at, std::string_view tag) {
    if (tag.empty() || !std::all_of(tag.begin(), tag.end(), IsTagChar)) {
      Error(line, at,
            "bad tag \"" + std::string(tag) + "\": use lower-case letters, digits and '_'");
      return false;
    }
    return true;
  }

  // TEXT [| flag, flag]
  void Alias(const RuleLine& line, size_t offset, std::string_view value, AliasKind kind) {
    std::vector<RuleField> fields = SplitFields(value, '|');
    if (fields.size() > 2) {
      Error(line, offset + fields[2].offset - 1,
            "an alias may not contain '|'; flags follow a single '|'");
      return;
    }
    GazetteerAlias alias;
    alias.text = std::string(fields[0].text);
    alias.kind = kind;
    alias.line = line.line;
    alias.column = line.ColumnOf(offset);
    if (alias.text.empty()) {
      Error(line, offset, "empty alias");
      return;
    }
    NameTokens tokens(alias.text);
    bool has_word = false;
    for (const NameToken& t : tokens.tokens()) has_word |= t.word;
    if (!has_word) {
      Error(line, offset, "alias \"" + alias.text + "\" has no letters or digits");
      return;
    }
    if (fields.size() == 2) {
      for (const RuleField& f : SplitFields(fields[1].text, ',')) {
        size_t at = offset + fields[1].offset + f.offset;
        if (f.text == "case") {
          alias.match = AliasCase::kCase;
        } else if (f.text == "exact") {
          alias.match = AliasCase::kExact;
        } else {
          Error(line, at, "unknown alias flag \"" + std::string(f.text) + "\" (expected case or exact)");
          return;
        }
      }
    }
    std::string key = KeyOf(tokens);
    for (GazetteerAlias& other : current_->aliases) {
      if (KeyOf(NameTokens(other.text)) != key) continue;
      if (other.kind == AliasKind::kName && other.line == current_->line) {
        // The canonical name listed again, usually to give it flags: the
        // explicit line wins.
        other = std::move(alias);
        other.kind = AliasKind::kName;
        return;
      }
      if (other.match == alias.match && other.text == alias.text) {
        Warning(line, offset,
                "duplicate alias \"" + alias.text + "\" (also at line " + std::to_string(other.line) + ")");
        return;
      }
    }
    current_->aliases.push_back(std::move(alias));
  }

  // EXCHANGE:SYMBOL
  void Ticker(const RuleLine& line, size_t offset, std::string_view value) {
    size_t colon = value.find(':');
    std::string_view exchange = colon == std::string_view::npos ? "" : Trim(value.substr(0, colon));
    std::string_view symbol = colon == std::string_view::npos ? "" : Trim(value.substr(colon + 1));
    auto symbol_ok = [](std::string_view s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
      });
    };
    if (exchange.empty() || !symbol_ok(symbol)) {
      Error(line, offset,
            "bad ticker \"" + std::string(value) +
                "\": expected EXCHANGE:SYMBOL with an upper-case symbol, e.g. NASDAQ:META");
      return;
    }
    const Exchange* found = nullptr;
    for (const Exchange& e : Exchanges())
      if (exchange == e.name) found = &e;
    if (!found) {
      Error(line, offset,
            "unknown exchange \"" + std::string(exchange) + "\" (known: " + KnownExchanges() + ")");
      return;
    }
    for (const std::string& form : ListingForms(*found, symbol)) {
      bool present = false;
      for (const GazetteerAlias& a : current_->aliases) present |= a.text == form;
      if (present) continue;
      GazetteerAlias alias;
      alias.text = form;
      alias.kind = AliasKind::kTicker;
      alias.line = line.line;
      alias.column = line.ColumnOf(offset);
      current_->aliases.push_back(std::move(alias));
    }
  }

  const std::string& file_;
  DiagnosticSink* sink_;
  int errors_ = 0;
  GazetteerEntry* current_ = nullptr;
  bool header_failed_ = false;
  std::map<std::string, int> ids_;
  std::set<std::string> tagset_;
};

std::string CheckedForm(AliasCase match, std::string_view token_text, bool word) {
  if (match == AliasCase::kFold || !word) return "";
  if (IsAscii(token_text)) return std::string(token_text);
  return match == AliasCase::kCase ? StripMarks(token_text) : ComposeText(token_text);
}

void AppendPiece(std::string* arena, std::string_view piece) {
  size_t n = std::min<size_t>(piece.size(), 0xFFFF);
  arena->push_back(static_cast<char>(n & 0xFF));
  arena->push_back(static_cast<char>(n >> 8));
  arena->append(piece.substr(0, n));
}

// Reads the piece at *at and moves *at past it.
std::string_view ReadPiece(const std::string& arena, size_t* at) {
  size_t n = static_cast<unsigned char>(arena[*at]) | static_cast<unsigned char>(arena[*at + 1]) << 8;
  std::string_view piece(arena.data() + *at + 2, n);
  *at += 2 + n;
  return piece;
}

}  // namespace

std::unique_ptr<Gazetteer> Gazetteer::Parse(const std::string& file_name, std::string_view content,
                                            DiagnosticSink* sink) {
  auto gazetteer = std::unique_ptr<Gazetteer>(new Gazetteer());
  Parser parser(file_name, sink);
  bool ok = parser.Parse(content, &gazetteer->entries_);
  const auto& entries = gazetteer->entries_;

  // Compile every alias into the trie and the arena.
  struct Pending {
    uint32_t node;
    uint32_t alias;  // Index in the entry's aliases.
    CompiledAlias compiled;
  };
  std::vector<Pending> pending;
  std::string& arena = gazetteer->arena_;
  for (uint32_t e = 0; e < entries.size(); ++e) {
    for (uint32_t a = 0; a < entries[e].aliases.size(); ++a) {
      const GazetteerAlias& alias = entries[e].aliases[a];
      NameTokens tokens(alias.text);
      CompiledAlias c;
      c.entry = e;
      c.key = static_cast<uint32_t>(arena.size());
      c.tokens = static_cast<uint16_t>(tokens.size());
      c.match = alias.match;
      for (size_t i = 0; i < tokens.size(); ++i) AppendPiece(&arena, tokens.Folded(i));
      if (alias.match != AliasCase::kFold) {
        for (size_t i = 0; i < tokens.size(); ++i)
          AppendPiece(&arena, CheckedForm(alias.match, tokens.Original(i), tokens[i].word));
      }
      pending.push_back({gazetteer->trie_.Insert(tokens), a, c});
    }
  }
  std::stable_sort(pending.begin(), pending.end(),
                   [](const Pending& x, const Pending& y) { return x.node < y.node; });

  // Per node: check that no two entries claim the same text at the same
  // priority, then lay the aliases out highest priority first.
  auto checked_forms = [&](const CompiledAlias& c) {
    std::vector<std::string_view> forms;
    size_t at = c.key;
    for (int i = 0; i < c.tokens; ++i) ReadPiece(arena, &at);
    if (c.match != AliasCase::kFold)
      for (int i = 0; i < c.tokens; ++i) forms.push_back(ReadPiece(arena, &at));
    return forms;
  };
  auto conflict = [&](const Pending& x, const Pending& y) {
    const CompiledAlias& a = x.compiled;
    const CompiledAlias& b = y.compiled;
    if (a.match == AliasCase::kFold || b.match == AliasCase::kFold) return true;
    if (a.match != b.match)
      return StripMarks(entries[a.entry].aliases[x.alias].text) ==
             StripMarks(entries[b.entry].aliases[y.alias].text);
    return checked_forms(a) == checked_forms(b);
  };
  constexpr uint32_t kUnset = UINT32_MAX;
  gazetteer->node_first_.assign(gazetteer->trie_.node_count() + 1, kUnset);
  std::vector<Pending> group;
  for (size_t i = 0; i < pending.size();) {
    size_t j = i;
    while (j < pending.size() && pending[j].node == pending[i].node) ++j;
    group.clear();
    for (size_t k = i; k < j; ++k) {
      const Pending& p = pending[k];
      bool keep = true;
      for (Pending& q : group) {
        if (!conflict(p, q)) continue;
        if (q.compiled.entry == p.compiled.entry) {
          // The same text twice in one entry (say, a ticker form): once is
          // enough, and the looser form is that once ("Stack Infrastructure
          // | case" and "STACK Infrastructure" match any case together).
          if (p.compiled.match == AliasCase::kFold && q.compiled.match != AliasCase::kFold) q = p;
          keep = false;
          break;
        }
        const GazetteerEntry& entry = entries[p.compiled.entry];
        const GazetteerEntry& other = entries[q.compiled.entry];
        if (other.priority == entry.priority) {
          ok = false;
          const GazetteerAlias& alias = entry.aliases[p.alias];
          sink->Error(file_name, alias.line, alias.column,
                      "alias \"" + alias.text + "\" of [" + entry.id + "] is also an alias of [" +
                          other.id + "] (line " + std::to_string(other.aliases[q.alias].line) +
                          ") at the same priority; raise one entry's priority or drop the alias");
        }
      }
      if (keep) group.push_back(p);
    }
    std::stable_sort(group.begin(), group.end(), [&](const Pending& x, const Pending& y) {
      return entries[x.compiled.entry].priority > entries[y.compiled.entry].priority;
    });
    gazetteer->node_first_[pending[i].node] = static_cast<uint32_t>(gazetteer->compiled_.size());
    for (const Pending& p : group) gazetteer->compiled_.push_back(p.compiled);
    i = j;
  }
  // Nodes without aliases get empty ranges: node_first_[n] == node_first_[n + 1].
  auto& first = gazetteer->node_first_;
  first.back() = static_cast<uint32_t>(gazetteer->compiled_.size());
  for (size_t n = first.size() - 1; n-- > 0;)
    if (first[n] == kUnset) first[n] = first[n + 1];
  if (!ok) return nullptr;
  return gazetteer;
}

std::pair<const Gazetteer::CompiledAlias*, const Gazetteer::CompiledAlias*> Gazetteer::AliasesAt(
    uint32_t node) const {
  if (node + 1 >= node_first_.size()) return {nullptr, nullptr};
  const CompiledAlias* base = compiled_.data();
  return {base + node_first_[node], base + node_first_[node + 1]};
}

bool Gazetteer::Matches(const CompiledAlias& alias, const NameTokens& tokens, size_t begin) const {
  size_t at = alias.key;
  for (size_t k = 0; k < alias.tokens; ++k)  // Confirms the hashes: a collision fails here.
    if (tokens.Folded(begin + k) != ReadPiece(arena_, &at)) return false;
  if (alias.match == AliasCase::kFold) return true;
  for (size_t k = 0; k < alias.tokens; ++k) {
    std::string_view checked = ReadPiece(arena_, &at);
    if (!tokens[begin + k].word) continue;
    std::string_view original = tokens.Original(begin + k);
    if (IsAscii(original)) {
      if (original != checked) return false;
    } else if (alias.match == AliasCase::kCase) {
      if (StripMarks(original) != checked) return false;
    } else if (ComposeText(original) != checked) {
      return false;
    }
  }
  return true;
}

void Gazetteer::Describe(const GazetteerEntry& entry, EntityMention* mention) {
  mention->id = entry.id;
  mention->name = entry.name;
  mention->entity_class = entry.entity_class;
  mention->rule = entry.id;
  mention->tags = entry.tags;
  mention->priority = entry.priority;
  mention->discovered = false;
  mention->confidence = 1.0;
}

// Whether the one-token match at `t` is a piece of a dotted identifier:
// "US" in "SDLV.US", "Meta" in "about.meta.com". Blanks on neither side of
// the dot.
static bool InDottedIdentifier(const NameTokens& tokens, size_t t) {
  auto dot = [&](size_t i) { return !tokens[i].word && tokens.Folded(i) == "."; };
  bool after = t >= 2 && dot(t - 1) && tokens[t - 2].word && !tokens[t].space_before &&
               !tokens[t].line_before && !tokens[t - 1].space_before && !tokens[t - 1].line_before;
  bool before = t + 2 < tokens.size() && dot(t + 1) && tokens[t + 2].word &&
                !tokens[t + 1].space_before && !tokens[t + 1].line_before &&
                !tokens[t + 2].space_before && !tokens[t + 2].line_before;
  return after || before;
}

void Gazetteer::Find(const NameTokens& tokens, std::vector<Match>* out) const {
  std::vector<NameTrie::Hit> hits;
  trie_.FindAll(tokens, &hits);
  for (const NameTrie::Hit& hit : hits) {
    if (hit.end_token - hit.first_token == 1 && InDottedIdentifier(tokens, hit.first_token)) continue;
    uint32_t last = UINT32_MAX;
    auto [first, end] = AliasesAt(hit.node);
    for (const CompiledAlias* alias = first; alias != end; ++alias) {
      if (alias->entry == last) continue;  // Already found through another alias form.
      if (alias->tokens != hit.end_token - hit.first_token) continue;
      if (!Matches(*alias, tokens, hit.first_token)) continue;
      out->push_back({{tokens[hit.first_token].begin, tokens[hit.end_token - 1].end}, alias->entry});
      last = alias->entry;
    }
  }
}

EntityMention Gazetteer::Mention(const Match& match, std::string_view text) const {
  EntityMention mention;
  Describe(entries_[match.entry], &mention);
  mention.span = match.span;
  mention.text = std::string(match.span.Of(text));
  return mention;
}

void Gazetteer::FindAll(const NameTokens& tokens, std::vector<EntityMention>* out) const {
  std::vector<Match> matches;
  Find(tokens, &matches);
  for (const Match& m : matches) out->push_back(Mention(m, tokens.text()));
}

const GazetteerEntry* Gazetteer::Lookup(const NameTokens& tokens, size_t begin, size_t end) const {
  uint32_t node = trie_.Walk(tokens, begin, end);
  if (node == NameTrie::kNone) return nullptr;
  auto [first, last] = AliasesAt(node);
  for (const CompiledAlias* alias = first; alias != last; ++alias)
    if (alias->tokens == end - begin && Matches(*alias, tokens, begin)) return &entries_[alias->entry];
  return nullptr;
}

const GazetteerEntry* Gazetteer::Lookup(std::string_view text) const {
  NameTokens tokens(text);
  return Lookup(tokens, 0, tokens.size());
}

size_t Gazetteer::alias_count() const {
  size_t n = 0;
  for (const GazetteerEntry& e : entries_) n += e.aliases.size();
  return n;
}

const GazetteerEntry* Gazetteer::Find(std::string_view id) const {
  for (const GazetteerEntry& e : entries_)
    if (e.id == id) return &e;
  return nullptr;
}

}  // namespace quarry
