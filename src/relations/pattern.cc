// Exports CompilePattern, CompilePhrase, WordList::Normalize and
// PatternOptions: the relation pattern language, parsed into a small tree and
// compiled to one RE2 regex (see pattern.h for the syntax).
#include "relations/pattern.h"

#include <algorithm>
#include <set>

#include "core/rule_text.h"
#include "relations/typed_sentence.h"

namespace quarry {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsSyntax(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|' ||
         c == '"' || c == '/';
}
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Curly apostrophes in rules match the straight ones of the typed sentence.
std::string StraightQuotes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98") {
      out += '\'';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// One run of non-blank literal text, as a regex: whole words where it starts
// or ends with a word character.
std::string LiteralChunk(std::string_view chunk) {
  std::string text = StraightQuotes(chunk);
  std::string out;
  if (!text.empty() && IsWordByte(text.front())) out += "\\b";
  out += RE2::QuoteMeta(text);
  if (!text.empty() && IsWordByte(text.back())) out += "\\b";
  return out;
}

// Blank-separated words, each a LiteralChunk, with any blanks between them.
std::string LiteralWords(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsBlank(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsBlank(text[i])) ++i;
    if (i == start) break;
    if (!out.empty()) out += "\\s*";
    out += LiteralChunk(text.substr(start, i - start));
  }
  return out;
}

// Checks a raw regex on its own; returns false with an error at `offset`.
bool CheckRawRegex(std::string_view regex, size_t offset, int* groups,
                   std::vector<PatternError>* errors) {
  // Compiled as written, so that RE2's message quotes the maintainer's text.
  RE2 re(regex, PatternOptions());
  if (!re.ok()) {
    errors->push_back({offset, "bad regex /" + std::string(regex) + "/: " + re.error()});
    return false;
  }
  if (groups) *groups = re.NumberOfCapturingGroups();
  return true;
}

struct Node {
  enum class Kind { kSeq, kAlt, kOptional, kLiteral, kSlot, kWords, kGap, kRegex, kStart, kEnd };
  Kind kind = Kind::kSeq;
  size_t offset = 0;
  size_t source_begin = 0;     // Where the item's text starts ("(" of a group).
  std::vector<Node> children;  // kSeq items; kAlt branches; kOptional's one child.
  std::string text;            // kLiteral text, kRegex source, kWords list name.
  std::string role;            // kWords role.
  size_t role_offset = 0;
  SlotSpec slot;               // kSlot.
  size_t type_offset = 0;
  int gap = kDefaultGap;       // kGap.
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<PatternError>* errors)
      : text_(text), errors_(errors) {}

  Node Parse() {
    Node top = ParseAlts('\0', 0);
    return top;
  }

 private:
  void Error(size_t offset, std::string message) {
    errors_->push_back({offset, std::move(message)});
  }

  void SkipBlanks() {
    while (pos_ < text_.size() && IsBlank(text_[pos_])) ++pos_;
  }

  // Alternatives up to `close` ('\0' for the end of the pattern).
  Node ParseAlts(char close, size_t open_offset) {
    Node alt;
    alt.kind = Node::Kind::kAlt;
    alt.offset = pos_;
    while (true) {
      size_t branch_start = pos_;
      Node seq = ParseSeq(close);
      if (seq.children.empty()) Error(branch_start, "empty alternative");
      alt.children.push_back(std::move(seq));
      SkipBlanks();
      if (pos_ < text_.size() && text_[pos_] == '|') {
        ++pos_;
        continue;
      }
      break;
    }
    if (close != '\0') {
      if (pos_ < text_.size() && text_[pos_] == close) {
        ++pos_;
      } else {
        Error(open_offset, std::string("missing ") + close + " for " +
                               (close == ')' ? "(" : "["));
      }
    }
    if (alt.children.size() == 1) return std::move(alt.children[0]);
    return alt;
  }

  Node ParseSeq(char close) {
    Node seq;
    seq.kind = Node::Kind::kSeq;
    seq.offset = pos_;
    while (true) {
      SkipBlanks();
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      if (c == '|') break;
      if (c == close) break;
      // A stray closer; '}' too, which no item consumes (once an endless loop).
      if (c == ')' || c == ']' || c == '}') {
        Error(pos_, std::string("unexpected ") + c);
        ++pos_;
        continue;
      }
      seq.children.push_back(ParseItem());
    }
    return seq;
  }

  Node ParseItem() {
    size_t start = pos_;
    Node node = ParseItemAt(start);
    node.source_begin = start;
    return node;
  }

  Node ParseItemAt(size_t start) {
    char c = text_[pos_];
    Node node;
    node.offset = start;
    if (c == '(') {
      ++pos_;
      return ParseAlts(')', start);
    }
    if (c == '[') {
      ++pos_;
      node.kind = Node::Kind::kOptional;
      node.children.push_back(ParseAlts(']', start));
      return node;
    }
    if (c == '{') {
      size_t close = text_.find('}', pos_);
      if (close == std::string_view::npos) {
        Error(start, "missing } for slot");
        pos_ = text_.size();
        node.kind = Node::Kind::kLiteral;
        return node;
      }
      pos_ = close + 1;
      ParseSlot(text_.substr(start + 1, close - start - 1), start + 1, &node);
      return node;
    }
    if (c == '"') {
      size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        Error(start, "unterminated quoted text");
        pos_ = text_.size();
      } else {
        pos_ = close + 1;
        node.text = std::string(text_.substr(start + 1, close - start - 1));
        if (node.text.find_first_not_of(" \t") == std::string::npos)
          Error(start, "empty quoted text");
      }
      node.kind = Node::Kind::kLiteral;
      return node;
    }
    if (c == '/') {
      std::string regex;
      size_t i = pos_ + 1;
      bool closed = false;
      for (; i < text_.size(); ++i) {
        if (text_[i] == '\\' && i + 1 < text_.size() && text_[i + 1] == '/') {
          regex += '/';
          ++i;
        } else if (text_[i] == '/') {
          closed = true;
          break;
        } else {
          regex += text_[i];
        }
      }
      node.kind = Node::Kind::kRegex;
      if (!closed) {
        Error(start, "unterminated /regex/");
        pos_ = text_.size();
        return node;
      }
      pos_ = i + 1;
      if (regex.empty()) Error(start, "empty /regex/");
      node.text = regex;
      return node;
    }
    while (pos_ < text_.size() && !IsBlank(text_[pos_]) && !IsSyntax(text_[pos_])) ++pos_;
    std::string_view chunk = text_.substr(start, pos_ - start);
    if (chunk.substr(0, 3) == "...") {
      node.kind = Node::Kind::kGap;
      std::string_view digits = chunk.substr(3);
      if (!digits.empty()) {
        bool numeric = digits.size() <= 3 && std::all_of(digits.begin(), digits.end(), IsDigit);
        int n = numeric ? std::stoi(std::string(digits)) : -1;
        if (n < 1 || n > kMaxGap) {
          Error(start, "a gap is ... or ...N with N from 1 to " + std::to_string(kMaxGap));
        } else {
          node.gap = n;
        }
      }
      return node;
    }
    if (chunk == "^") {
      node.kind = Node::Kind::kStart;
      return node;
    }
    if (chunk == "$") {
      node.kind = Node::Kind::kEnd;
      return node;
    }
    node.kind = Node::Kind::kLiteral;
    node.text = std::string(chunk);
    return node;
  }

  // The inside of {...}, which starts at `offset`.
  void ParseSlot(std::string_view body, size_t offset, Node* node) {
    node->kind = Node::Kind::kSlot;
    size_t i = 0;
    auto read = [&](auto pred) {
      size_t start = i;
      while (i < body.size() && pred(body[i])) ++i;
      return body.substr(start, i - start);
    };
    auto is_name = [](char c) { return IsLower(c) || IsDigit(c) || c == '_'; };
    if (body.empty()) {
      Error(offset - 1, "empty slot {}");
      return;
    }
    if (IsUpper(body[0])) {
      node->type_offset = offset;
      node->slot.type = std::string(read([](char c) { return IsUpper(c) || c == '_'; }));
      // ".a|b" tags one of which the mention must have, "!c|d" tags it must not.
      auto tag_list = [&](char marker, std::vector<std::string>* tags) {
        if (i >= body.size() || body[i] != marker) return true;
        do {
          ++i;
          size_t tag_start = i;
          std::string_view tag = read(is_name);
          if (tag.empty()) {
            Error(offset + tag_start, "a tag is lower-case letters, digits and _");
            return false;
          }
          tags->emplace_back(tag);
        } while (i < body.size() && body[i] == '|');
        return true;
      };
      if (!tag_list('.', &node->slot.tags) || !tag_list('!', &node->slot.excluded_tags)) return;
    } else if (IsLower(body[0])) {
      node->kind = Node::Kind::kWords;
      node->text = std::string(read(is_name));
    } else {
      Error(offset, "a slot is {TYPE}, {TYPE:role}, {TYPE.tag:role}, {TYPE!tag:role} or {words:role}");
      return;
    }
    if (i < body.size() && body[i] == ':') {
      ++i;
      size_t role_start = i;
      std::string_view role = read(is_name);
      if (role.empty()) {
        Error(offset + role_start, "a role is lower-case letters, digits and _");
        return;
      }
      node->role = std::string(role);
      node->role_offset = offset + role_start;
      node->slot.role = node->role;
      if (i < body.size() && body[i] == '@') {
        size_t at = i;
        ++i;
        std::string_view where = read(is_name);
        if (where != "context" || node->kind != Node::Kind::kSlot) {
          Error(offset + at, node->kind == Node::Kind::kSlot
                                 ? "only @context may follow a role"
                                 : "a word list cannot come from context");
          return;
        }
        node->slot.context = true;
      }
    }
    if (i < body.size()) {
      Error(offset + i, std::string("unexpected '") + body[i] + "' in slot");
      return;
    }
    node->slot.offset = offset - 1;
  }

  std::string_view text_;
  std::vector<PatternError>* errors_;
  size_t pos_ = 0;
};

class Compiler {
 public:
  Compiler(const PredicateSpec& predicate,
           const std::map<std::string, WordList, std::less<>>& lists, CompiledPattern* out,
           std::vector<PatternError>* errors)
      : predicate_(predicate), lists_(lists), out_(out), errors_(errors) {}

  void Compile(const Node& top) {
    CheckRoles(top);
    CollectContext(top, /*top_level=*/true);
    top_ = &top;
    out_->regex = Emit(top, {}, {});
    out_->needs = Needs(top);
    if (top.kind != Node::Kind::kSeq && !out_->regex.empty()) {
      // A pattern of one item (or of top-level alternatives) is one element.
      out_->elements.push_back({"", out_->regex, top.kind == Node::Kind::kSlot});
      element_offsets_.push_back({0, std::string_view::npos});
    }
  }

  // Byte range in the pattern of each of out_->elements (end npos: to the end).
  const std::vector<std::pair<size_t, size_t>>& element_offsets() const { return element_offsets_; }

 private:
  void Error(size_t offset, std::string message) {
    errors_->push_back({offset, std::move(message)});
  }

  std::string RoleNames() const {
    std::string names;
    for (const auto& r : predicate_.roles) names += (names.empty() ? "" : ", ") + std::string(r.name);
    return names;
  }

  // The role spec for a bound role, or nullptr after reporting it unknown.
  const RoleSpec* Role(const std::string& role, size_t offset) {
    const RoleSpec* spec = predicate_.FindRole(role);
    if (!spec)
      Error(offset, "unknown role \"" + role + "\" for predicate " + std::string(predicate_.name) +
                        " (roles: " + RoleNames() + ")");
    return spec;
  }

  std::string RoleTakes(const RoleSpec& spec) const {
    if (spec.kind == RoleKind::kLiteral) return "a word list";
    return JoinOr(spec.types);
  }

  using Types = std::set<std::string>;

  // Adds to `types` the slot types `node` can begin with (`last`: end with),
  // looking through optional parts. Returns whether `node` can match nothing,
  // so that what comes after (before) it is adjacent too.
  static bool Edge(const Node& node, bool last, Types* types) {
    switch (node.kind) {
      case Node::Kind::kSlot:
        if (node.slot.context || node.slot.type.empty()) return true;
        types->insert(node.slot.type);
        return false;
      case Node::Kind::kStart:
      case Node::Kind::kEnd:
      case Node::Kind::kGap:
        return true;
      case Node::Kind::kLiteral:
      case Node::Kind::kWords:
      case Node::Kind::kRegex:
        return false;
      case Node::Kind::kOptional:
        Edge(node.children[0], last, types);
        return true;
      case Node::Kind::kAlt: {
        bool empty = false;
        for (const auto& branch : node.children) empty |= Edge(branch, last, types);
        return empty;
      }
      case Node::Kind::kSeq: {
        size_t n = node.children.size();
        for (size_t k = 0; k < n; ++k)
          if (!Edge(node.children[last ? n - 1 - k : k], last, types)) return false;
        return true;
      }
    }
    return false;
  }

  // Roles that `node` binds on every path through it (`must`) and on some
  // path (`may`). A role that two parts of one sequence both must bind is a
  // mistake; one that an optional part or alternative may bind again is not:
  // the first part that matched gives the role.
  struct Bound {
    std::set<std::string> must, may;
  };
  Bound CheckRoles(const Node& node) {
    Bound bound;
    if ((node.kind == Node::Kind::kSlot || node.kind == Node::Kind::kWords) && !node.role.empty()) {
      bound.must.insert(node.role);
      bound.may.insert(node.role);
      return bound;
    }
    for (size_t i = 0; i < node.children.size(); ++i) {
      const Node& child = node.children[i];
      Bound inner = CheckRoles(child);
      if (node.kind == Node::Kind::kSeq) {
        for (const auto& r : inner.must)
          if (bound.must.count(r)) Error(child.offset, "role \"" + r + "\" is bound twice");
        bound.must.insert(inner.must.begin(), inner.must.end());
      } else if (node.kind == Node::Kind::kAlt) {
        if (i == 0) {
          bound.must = inner.must;
        } else {
          std::set<std::string> both;
          for (const auto& r : inner.must)
            if (bound.must.count(r)) both.insert(r);
          bound.must = both;
        }
      }
      bound.may.insert(inner.may.begin(), inner.may.end());
    }
    return bound;
  }

  void CollectContext(const Node& node, bool top_level) {
    if (node.kind == Node::Kind::kSlot && node.slot.context) {
      if (!top_level)
        Error(node.offset, "a context slot must stand outside alternatives and optional parts");
      else
        out_->context_slots.push_back(node.slot);
    }
    bool children_top = top_level && node.kind == Node::Kind::kSeq;
    for (const auto& child : node.children) CollectContext(child, children_top);
  }

  void AddRole(const std::string& role) {
    if (std::find(out_->roles.begin(), out_->roles.end(), role) == out_->roles.end())
      out_->roles.push_back(role);
  }

  // What every match of `node` holds, as Emit compiles it: the words of its
  // literals, its slots' types and its word lists' words, in sequence; for
  // alternatives, one clause of each branch joined. Optional parts, gaps,
  // raw regexes, ^ and $ need nothing.
  std::vector<PatternClause> Needs(const Node& node) const {
    std::vector<PatternClause> out;
    switch (node.kind) {
      case Node::Kind::kLiteral:
        for (auto& word : WordsOf(node.text)) out.push_back({std::move(word)});
        break;
      case Node::Kind::kSlot:
        if (!node.slot.context && !node.slot.type.empty())
          out.push_back({"{" + node.slot.type + "}"});
        break;
      case Node::Kind::kWords: {
        auto it = lists_.find(node.text);
        if (it != lists_.end() && !it->second.needs.empty()) out.push_back(it->second.needs);
        break;
      }
      case Node::Kind::kSeq:
        for (const auto& child : node.children) {
          std::vector<PatternClause> inner = Needs(child);
          out.insert(out.end(), std::make_move_iterator(inner.begin()),
                     std::make_move_iterator(inner.end()));
        }
        break;
      case Node::Kind::kAlt: {
        std::set<std::string> any;
        for (const auto& branch : node.children) {
          std::vector<PatternClause> inner = Needs(branch);
          const PatternClause* best = BestClause(inner);
          if (!best) return {};
          any.insert(best->begin(), best->end());
        }
        out.push_back(PatternClause(any.begin(), any.end()));
        break;
      }
      case Node::Kind::kOptional:
      case Node::Kind::kGap:
      case Node::Kind::kRegex:
      case Node::Kind::kStart:
      case Node::Kind::kEnd:
        break;
    }
    return out;
  }

  // `before` and `after`: the slot types next to `node` outside it.
  std::string Emit(const Node& node, const Types& before, const Types& after) {
    switch (node.kind) {
      case Node::Kind::kSeq: {
        std::string out;
        const auto& items = node.children;
        for (size_t i = 0; i < items.size(); ++i) {
          Types item_before, item_after;
          bool open = true;
          for (size_t k = i; k-- > 0 && open;) open = Edge(items[k], true, &item_before);
          if (open) item_before.insert(before.begin(), before.end());
          open = true;
          for (size_t k = i + 1; k < items.size() && open; ++k)
            open = Edge(items[k], false, &item_after);
          if (open) item_after.insert(after.begin(), after.end());
          std::string part = Emit(items[i], item_before, item_after);
          if (part.empty()) continue;
          if (&node == top_) {
            out_->elements.push_back({"", part, items[i].kind == Node::Kind::kSlot});
            element_offsets_.push_back({items[i].source_begin, i + 1 < items.size()
                                                                   ? items[i + 1].source_begin
                                                                   : std::string_view::npos});
          }
          if (!out.empty()) out += "\\s*";
          out += part;
        }
        return out;
      }
      case Node::Kind::kAlt: {
        std::string out = "(?:";
        for (size_t i = 0; i < node.children.size(); ++i) {
          if (i > 0) out += '|';
          out += Emit(node.children[i], before, after);
        }
        return out + ")";
      }
      case Node::Kind::kOptional:
        return "(?:" + Emit(node.children[0], before, after) + ")?";
      case Node::Kind::kLiteral:
        return LiteralWords(node.text);
      case Node::Kind::kStart:
        return "^";
      case Node::Kind::kEnd:
        return "$";
      case Node::Kind::kRegex:
        if (!CheckRawRegex(node.text, node.offset, nullptr, errors_)) return "";
        return "(?:" + StripCaptures(node.text) + ")";
      case Node::Kind::kGap: {
        Types next = before;
        next.insert(after.begin(), after.end());
        return Gap(node.gap, next);
      }
      case Node::Kind::kWords:
        return Words(node);
      case Node::Kind::kSlot:
        return Slot(node);
    }
    return "";
  }

  // Up to `n` words, as few as possible, never crossing a slot of the types
  // next to the gap in the pattern: in "{ORG:a} ... from ... {ORG:b}" each
  // role takes the organization nearest to its words. A word is a run of
  // non-blanks (slot tokens and punctuation included: "⟨ORG⟩'s", "(META.US)");
  // all but the last are followed by blanks, so that the count is never in
  // doubt, and the last may stop short of punctuation the pattern needs next.
  // (Counting words any other way multiplies the regex's DFA states.)
  std::string Gap(int n, const Types& next) {
    std::string types;
    for (std::string_view t : kSlotTypes) {
      if (next.count(std::string(t))) continue;
      types += (types.empty() ? "" : "|") + std::string(t);
    }
    const std::string open(kSlotOpen), close(kSlotClose);
    std::string unit = "[^\\s" + open + close + "]";
    if (!types.empty())
      unit = "(?:" + unit + "|(?-i:" + open + "(?:" + types + ")[^" + close + "]*" + close + "))";
    std::string word = unit + "+";
    std::string out = "(?:" + word + "\\s+){0," + std::to_string(n - 1) + "}?";
    return out + "(?:" + word + ")??";
  }

  std::string Words(const Node& node) {
    auto it = lists_.find(node.text);
    if (it == lists_.end()) {
      Error(node.offset + 1, "unknown word list \"" + node.text + "\"");
      return "";
    }
    const WordList& list = it->second;
    if (node.role.empty()) return "(?:" + list.regex + ")";
    const RoleSpec* spec = Role(node.role, node.role_offset);
    if (!spec) return "";
    if (spec->kind != RoleKind::kLiteral) {
      Error(node.role_offset, "role \"" + node.role + "\" of " + std::string(predicate_.name) +
                                  " takes " + RoleTakes(*spec) + ", not a word list");
      return "";
    }
    if (!spec->values.empty()) {
      for (const auto& entry : list.entries) {
        if (std::find(spec->values.begin(), spec->values.end(), entry.value) != spec->values.end())
          continue;
        Error(node.role_offset, "word list \"" + list.name + "\" gives \"" + entry.value +
                                    "\" (line " + std::to_string(entry.line) + "), but role \"" +
                                    node.role + "\" of " + std::string(predicate_.name) +
                                    " takes " + JoinOr(spec->values));
        return "";
      }
    }
    AddRole(node.role);
    out_->groups.push_back({node.role, false, &list, {}});
    return "(" + list.regex + ")";
  }

  std::string Slot(const Node& node) {
    const SlotSpec& slot = node.slot;
    if (slot.type.empty()) return "";
    if (!IsEntityType(slot.type) && !IsQuantityType(slot.type)) {
      Error(node.type_offset, "unknown slot type \"" + slot.type + "\" (known: " +
                                  KnownSlotTypes() + ")");
      return "";
    }
    if (!slot.role.empty()) {
      const RoleSpec* spec = Role(slot.role, node.role_offset);
      if (!spec) return "";
      if (spec->kind == RoleKind::kLiteral ||
          std::find(spec->types.begin(), spec->types.end(), slot.type) == spec->types.end()) {
        Error(node.type_offset, "role \"" + slot.role + "\" of " + std::string(predicate_.name) +
                                    " takes " + RoleTakes(*spec) + ", not " + slot.type);
        return "";
      }
      if (slot.context && spec->kind != RoleKind::kEntity) {
        Error(node.role_offset, "only entity roles can come from context");
        return "";
      }
      AddRole(slot.role);
    }
    if (slot.context) return "";
    // Tokens are matched case-sensitively: case folding would only make the
    // program bigger (and slower to capture from) for text we generate.
    std::string token = "(?-i:" + std::string(kSlotOpen) + slot.type;
    if (slot.tags.empty()) {
      token += "(?::[^" + std::string(kSlotClose) + "]*)?";
    } else {
      token += "(?::[a-z0-9_]+)*:(?:[a-z0-9_]+_)?(?:";
      for (size_t i = 0; i < slot.tags.size(); ++i) token += (i ? "|" : "") + slot.tags[i];
      token += ")(?::[a-z0-9_]+)*";
    }
    token += std::string(kSlotClose) + ")";
    if (slot.role.empty() && slot.excluded_tags.empty()) return token;
    out_->groups.push_back({slot.role, true, nullptr, slot.excluded_tags});
    return "(" + token + ")";
  }

  const PredicateSpec& predicate_;
  const std::map<std::string, WordList, std::less<>>& lists_;
  CompiledPattern* out_;
  std::vector<PatternError>* errors_;
  const Node* top_ = nullptr;
  std::vector<std::pair<size_t, size_t>> element_offsets_;
};

}  // namespace

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);  // RE2's default; rules are small, and 500 of them share memory.
  return options;
}

std::string CompilePhrase(std::string_view phrase, int* groups, std::vector<PatternError>* errors) {
  *groups = 0;
  if (phrase.size() >= 2 && phrase.front() == '/' && phrase.back() == '/') {
    std::string regex(phrase.substr(1, phrase.size() - 2));
    if (regex.empty()) {
      errors->push_back({0, "empty /regex/"});
      return "";
    }
    if (!CheckRawRegex(regex, 0, groups, errors)) return "";
    return "(?:" + regex + ")";
  }
  std::string out = LiteralWords(phrase);
  if (out.empty()) errors->push_back({0, "empty phrase"});
  return out;
}

std::vector<std::string> WordsOf(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && IsWordByte(text[i])) {
      word += IsUpper(text[i]) ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

const PatternClause* BestClause(const std::vector<PatternClause>& clauses) {
  // How often a clause holds, roughly: slot types are in most sentences, the
  // commonest words of English news in many, and a word in fewer the longer it is.
  static const std::set<std::string, std::less<>> kCommon = {
      "a",    "an",   "and",  "are",  "as",   "at",    "be",   "by",   "for",  "from",
      "had",  "has",  "have", "in",   "into", "is",    "it",   "its",  "of",   "on",
      "or",   "over", "s",    "said", "that", "the",   "this", "to",   "was",  "which",
      "will", "with", "would", "up",  "new",  "after", "about", "more", "than", "their"};
  auto frequency = [](const PatternClause& c) {
    int sum = 0;
    for (const auto& f : c) {
      sum += f[0] == '{'           ? 1000
             : kCommon.count(f)    ? 100
             : f.size() <= 2       ? 50
             : f.size() == 3       ? 20
                                   : 10;
    }
    return sum;
  };
  const PatternClause* best = nullptr;
  for (const auto& c : clauses)
    if (!best || frequency(c) < frequency(*best)) best = &c;
  return best;
}

std::string StripCaptures(std::string_view regex) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if (c == '\\' && i + 1 < regex.size()) {
      out += c;
      out += regex[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // "[]...]" and "[^]...]": a leading ] is a member, not the end.
      if (i + 1 < regex.size() && regex[i + 1] == '^') out += regex[++i];
      if (i + 1 < regex.size() && regex[i + 1] == ']') out += regex[++i];
      continue;
    }
    if (c != '(') {
      out += c;
      continue;
    }
    if (i + 1 < regex.size() && regex[i + 1] == '?') {
      size_t name_end = regex.find('>', i);
      if (regex.substr(i, 4) == "(?P<" && name_end != std::string_view::npos) {
        out += "(?:";  // A named group.
        i = name_end;
      } else {
        out += c;
      }
      continue;
    }
    out += "(?:";
  }
  return out;
}

std::string WordList::Normalize(std::string_view matched) const {
  for (const auto& entry : entries) {
    for (const auto& phrase : entry.phrases) {
      int n = phrase->NumberOfCapturingGroups();
      std::vector<std::string> groups(n);
      std::vector<RE2::Arg> args(n);
      std::vector<const RE2::Arg*> arg_ptrs(n);
      for (int i = 0; i < n; ++i) {
        args[i] = &groups[i];
        arg_ptrs[i] = &args[i];
      }
      if (!RE2::FullMatchN(matched, *phrase, arg_ptrs.data(), n)) continue;
      if (entry.value == "*") {
        std::string out;
        for (char c : matched) {
          if (IsBlank(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
          }
          out += IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
      }
      std::string out;
      for (size_t i = 0; i < entry.value.size(); ++i) {
        char c = entry.value[i];
        if (c == '$' && i + 1 < entry.value.size() && IsDigit(entry.value[i + 1])) {
          int g = entry.value[++i] - '0';
          if (g >= 1 && g <= n) out += groups[g - 1];
          continue;
        }
        out += c;
      }
      return out;
    }
  }
  return "";
}

// Replaces tag group names in slot constraints by their tags.
void ExpandTagGroups(const TagGroups& groups, Node* node) {
  for (auto* tags : {&node->slot.tags, &node->slot.excluded_tags}) {
    std::vector<std::string> expanded;
    for (const auto& tag : *tags) {
      auto it = groups.find(tag);
      if (it == groups.end())
        expanded.push_back(tag);
      else
        expanded.insert(expanded.end(), it->second.begin(), it->second.end());
    }
    *tags = std::move(expanded);
  }
  for (auto& child : node->children) ExpandTagGroups(groups, &child);
}

bool CompilePattern(std::string_view pattern, const PredicateSpec& predicate,
                    const std::map<std::string, WordList, std::less<>>& lists,
                    const TagGroups& tag_groups, CompiledPattern* out,
                    std::vector<PatternError>* errors) {
  size_t before = errors->size();
  Parser parser(pattern, errors);
  Node top = parser.Parse();
  if (errors->size() != before) return false;
  ExpandTagGroups(tag_groups, &top);
  Compiler compiler(predicate, lists, out, errors);
  compiler.Compile(top);
  if (errors->size() != before) return false;
  if (out->regex.empty()) {
    errors->push_back({0, "pattern matches nothing of the sentence"});
    return false;
  }
  // Each element's source runs to the next item of the pattern, trimmed.
  const auto& offsets = compiler.element_offsets();
  for (size_t i = 0; i < out->elements.size(); ++i) {
    auto [begin, end] = offsets[i];
    out->elements[i].source = std::string(Trim(pattern.substr(begin, end - begin)));
  }
  // The whole regex is compiled once, by the extractor (RelationExtractor
  // reports it if that fails, say for a pattern too large for RE2's limits).
  return true;
}

}  // namespace quarry
