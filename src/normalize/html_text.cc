// Exports LooksLikeHtml and HtmlToText: the HTML step of normalization.
//
// Three linear passes: a forgiving tokenizer (text runs, start and end tags;
// comments, doctypes and the bodies of script-like elements are skipped), a
// tree pass that pairs each element with its own end tag using a stack, and
// an output pass that writes text, line breaks and bullets.
#include "normalize/html_text.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "normalize/html_entities.h"

namespace quarry {
namespace {

enum class Kind : uint8_t { kText, kStart, kEnd, kTitle };

// A lower-case tag name kept inside the token (no allocation per tag). Longer
// names are cut to kMax bytes, the same way at both ends of an element; no
// name the stage acts on is that long.
struct TagName {
  static constexpr size_t kMax = 15;
  char data[kMax];
  uint8_t size = 0;
  std::string_view view() const { return std::string_view(data, size); }
  bool operator==(std::string_view other) const { return view() == other; }
};

struct Token {
  Kind kind = Kind::kText;
  bool self_closing = false;
  bool hidden = false;    // hidden, aria-hidden="true", style="display:none".
  bool rejected = false;  // A class or the id was rejected by HtmlOptions.
  bool drop = false;      // Set by the tree pass.
  uint32_t begin = 0;     // Input range: the text, or the whole tag '<'..'>'.
  uint32_t end = 0;
  int32_t close = -1;     // Start tags: index of their own end tag.
  TagName name;
};

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

const std::unordered_set<std::string_view>& VoidElements() {
  static const std::unordered_set<std::string_view> kSet = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
      "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame"};
  return kSet;
}

// Elements whose text never belongs to the article.
const std::unordered_set<std::string_view>& DroppedElements() {
  static const std::unordered_set<std::string_view> kSet = {
      "nav",    "header", "footer", "aside",  "form",  "select", "button", "svg",
      "math",   "canvas", "object", "audio",  "video", "map",    "menu",   "dialog",
      "template", "datalist"};
  return kSet;
}

// Elements the rules never drop by class, id or hidden flags: the page itself.
const std::unordered_set<std::string_view>& ProtectedElements() {
  static const std::unordered_set<std::string_view> kSet = {"html", "body", "main", "article"};
  return kSet;
}

const std::unordered_set<std::string_view>& BlockElements() {
  static const std::unordered_set<std::string_view> kSet = {
      "address", "article", "aside",   "blockquote", "body",    "br",      "caption",
      "center",  "dd",      "details", "dialog",     "div",     "dl",      "dt",
      "fieldset", "figcaption", "figure", "footer",  "form",    "h1",      "h2",
      "h3",      "h4",      "h5",      "h6",         "header",  "hgroup",  "hr",
      "html",    "legend",  "li",      "main",       "nav",     "ol",      "p",
      "pre",     "section", "summary", "table",      "tbody",   "tfoot",   "thead",
      "ul",      "option",  "listing", "plaintext"};
  return kSet;
}

// Elements whose content is not markup. For the skipped ones the content is
// dropped; title and textarea content is text (RCDATA).
enum class RawKind { kNone, kSkip, kTitle, kRcdata };
RawKind RawKindOf(std::string_view name) {
  if (name == "script" || name == "style" || name == "xmp" || name == "iframe" ||
      name == "noembed" || name == "noframes" || name == "noscript")
    return RawKind::kSkip;
  if (name == "title") return RawKind::kTitle;
  if (name == "textarea") return RawKind::kRcdata;
  return RawKind::kNone;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view s, const HtmlOptions& options) : s_(s), options_(options) {}

  std::vector<Token> Run() {
    // Reserving for the tags up front avoids copying a large vector as it grows.
    size_t tags = 0;
    for (char c : s_) tags += c == '<';
    tokens_.reserve(std::min(2 * tags + 1, s_.size() / 4 + 16));
    size_t text_begin = 0;
    size_t i = 0;
    while (i < s_.size()) {
      const char* lt = static_cast<const char*>(std::memchr(s_.data() + i, '<', s_.size() - i));
      if (!lt) break;
      size_t pos = static_cast<size_t>(lt - s_.data());
      size_t next = 0;
      Markup kind = Classify(pos);
      if (kind == Markup::kNone) {
        i = pos + 1;  // A '<' that opens nothing is text.
        continue;
      }
      AddText(text_begin, pos);
      next = Consume(kind, pos);
      i = text_begin = next;
    }
    AddText(text_begin, s_.size());
    return std::move(tokens_);
  }

 private:
  enum class Markup { kNone, kComment, kBogus, kStart, kEnd };

  Markup Classify(size_t pos) const {
    if (pos + 1 >= s_.size()) return Markup::kNone;
    char c = s_[pos + 1];
    if (IsAsciiAlpha(c)) return Markup::kStart;
    if (c == '/') {
      if (pos + 2 < s_.size() && IsAsciiAlpha(s_[pos + 2])) return Markup::kEnd;
      return Markup::kBogus;  // "</>" or "</3": ignored up to '>'.
    }
    if (c == '!') return s_.compare(pos, 4, "<!--") == 0 ? Markup::kComment : Markup::kBogus;
    if (c == '?') return Markup::kBogus;
    return Markup::kNone;
  }

  // Consumes the markup at `pos`; returns where text resumes.
  size_t Consume(Markup kind, size_t pos) {
    switch (kind) {
      case Markup::kComment: {
        // "<!-->" and "<!--->" are complete (empty) comments.
        size_t body = pos + 4;
        if (s_.compare(body, 1, ">") == 0) return body + 1;
        if (s_.compare(body, 2, "->") == 0) return body + 2;
        size_t end = s_.find("-->", body);
        return end == std::string_view::npos ? s_.size() : end + 3;
      }
      case Markup::kBogus: {
        if (s_.compare(pos, 9, "<![CDATA[") == 0) {
          size_t end = s_.find("]]>", pos + 9);
          size_t stop = end == std::string_view::npos ? s_.size() : end;
          AddText(pos + 9, stop);
          return end == std::string_view::npos ? s_.size() : end + 3;
        }
        size_t end = s_.find('>', pos);
        return end == std::string_view::npos ? s_.size() : end + 1;
      }
      case Markup::kEnd: {
        Token t;
        t.kind = Kind::kEnd;
        size_t p = ReadName(pos + 2, &t.name);
        size_t end = s_.find('>', p);
        if (end == std::string_view::npos) return s_.size();  // Unfinished tag at EOF.
        t.begin = static_cast<uint32_t>(pos);
        t.end = static_cast<uint32_t>(end + 1);
        tokens_.push_back(std::move(t));
        return end + 1;
      }
      case Markup::kStart:
        return ConsumeStartTag(pos);
      case Markup::kNone:
        break;
    }
    return pos + 1;
  }

  size_t ReadName(size_t p, TagName* name) {
    size_t begin = p;
    while (p < s_.size() && IsNameChar(s_[p])) ++p;
    name->size = static_cast<uint8_t>(std::min(p - begin, TagName::kMax));
    for (size_t k = 0; k < name->size; ++k) name->data[k] = Lower(s_[begin + k]);
    return p;
  }

  size_t ConsumeStartTag(size_t pos) {
    Token t;
    t.kind = Kind::kStart;
    t.begin = static_cast<uint32_t>(pos);
    size_t p = ReadName(pos + 1, &t.name);
    // Attributes, up to the '>' that is not inside a quoted value.
    while (true) {
      while (p < s_.size() && (IsHtmlSpace(s_[p]) || s_[p] == '/')) {
        if (s_[p] == '/' && p + 1 < s_.size() && s_[p + 1] == '>') t.self_closing = true;
        ++p;
      }
      if (p >= s_.size()) return s_.size();  // Unfinished tag at EOF: dropped.
      if (s_[p] == '>') break;
      size_t name_begin = p;
      while (p < s_.size() && !IsHtmlSpace(s_[p]) && s_[p] != '/' && s_[p] != '>' &&
             (s_[p] != '=' || p == name_begin))
        ++p;
      std::string_view attr = s_.substr(name_begin, p - name_begin);
      while (p < s_.size() && IsHtmlSpace(s_[p])) ++p;
      std::string_view value;
      if (p < s_.size() && s_[p] == '=') {
        ++p;
        while (p < s_.size() && IsHtmlSpace(s_[p])) ++p;
        p = ReadValue(p, &value);
      }
      NoteAttribute(attr, value, &t);
    }
    t.end = static_cast<uint32_t>(p + 1);
    size_t after = p + 1;
    RawKind raw = RawKindOf(t.name.view());
    tokens_.push_back(std::move(t));
    if (raw == RawKind::kNone) return after;
    std::string name(tokens_.back().name.view());
    size_t close = FindEndTag(after, name);
    if (raw == RawKind::kSkip) return close == std::string_view::npos ? s_.size() : close;
    if (close == std::string_view::npos) return after;  // Unclosed <title>: read on as markup.
    if (raw == RawKind::kTitle) {
      Token title;
      title.kind = Kind::kTitle;
      title.begin = static_cast<uint32_t>(after);
      title.end = static_cast<uint32_t>(close);
      tokens_.push_back(std::move(title));
    } else {
      AddText(after, close);
    }
    return close;
  }

  size_t ReadValue(size_t p, std::string_view* value) {
    if (p < s_.size() && (s_[p] == '"' || s_[p] == '\'')) {
      char q = s_[p];
      int qi = q == '"' ? 0 : 1;
      // Once a quote has no partner, no later one can have one either, so
      // we remember that instead of searching to the end again (linear time).
      if (!quote_unmatched_[qi]) {
        size_t end = s_.find(q, p + 1);
        if (end != std::string_view::npos) {
          *value = s_.substr(p + 1, end - p - 1);
          return end + 1;
        }
        quote_unmatched_[qi] = true;
      }
      ++p;  // Read the rest as an unquoted value.
    }
    size_t begin = p;
    while (p < s_.size() && !IsHtmlSpace(s_[p]) && s_[p] != '>') ++p;
    *value = s_.substr(begin, p - begin);
    return p;
  }

  void NoteAttribute(std::string_view attr, std::string_view value, Token* t) {
    if (EqualsIgnoreCase(attr, "hidden")) {
      t->hidden = true;
    } else if (EqualsIgnoreCase(attr, "aria-hidden")) {
      t->hidden = t->hidden || EqualsIgnoreCase(value, "true");
    } else if (EqualsIgnoreCase(attr, "style")) {
      std::string compact;
      for (char c : value)
        if (!IsHtmlSpace(c)) compact.push_back(Lower(c));
      if (compact.find("display:none") != std::string::npos ||
          compact.find("visibility:hidden") != std::string::npos)
        t->hidden = true;
    } else if (options_.drop_class_or_id &&
               (EqualsIgnoreCase(attr, "class") || EqualsIgnoreCase(attr, "id"))) {
      size_t k = 0;
      while (k < value.size() && !t->rejected) {
        while (k < value.size() && IsHtmlSpace(value[k])) ++k;
        size_t b = k;
        while (k < value.size() && !IsHtmlSpace(value[k])) ++k;
        if (k > b && options_.drop_class_or_id(value.substr(b, k - b))) t->rejected = true;
      }
    }
  }

  // Position of "</name" (any case, then a blank, '/' or '>') at or after
  // `from`, or npos. A failed search is remembered: none after `from` means
  // none after any later position either, so repeated unclosed <title>s cost
  // one scan, not one each.
  size_t FindEndTag(size_t from, const std::string& name) {
    auto failed = end_tag_missing_from_.find(name);
    if (failed != end_tag_missing_from_.end() && failed->second <= from)
      return std::string_view::npos;
    size_t found = ScanForEndTag(from, name);
    if (found == std::string_view::npos) end_tag_missing_from_[name] = from;
    return found;
  }

  size_t ScanForEndTag(size_t from, std::string_view name) const {
    size_t p = from;
    while ((p = s_.find("</", p)) != std::string_view::npos) {
      size_t after = p + 2 + name.size();
      if (after <= s_.size() && EqualsIgnoreCase(s_.substr(p + 2, name.size()), name) &&
          (after == s_.size() || IsHtmlSpace(s_[after]) || s_[after] == '>' || s_[after] == '/'))
        return p;
      p += 2;
    }
    return std::string_view::npos;
  }

  void AddText(size_t begin, size_t end) {
    if (end <= begin) return;
    Token t;
    t.kind = Kind::kText;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    tokens_.push_back(std::move(t));
  }

  std::string_view s_;
  const HtmlOptions& options_;
  std::vector<Token> tokens_;
  bool quote_unmatched_[2] = {false, false};
  std::unordered_map<std::string, size_t> end_tag_missing_from_;
};

// Pairs start tags with their own end tags and decides which elements to
// drop. An end tag closes the innermost open element of its name and
// everything opened inside it; an end tag with no open element is ignored.
// Returns the index of the title token to use, or -1.
int PairAndMarkTokens(std::vector<Token>* tokens) {
  std::vector<int32_t> stack;
  std::unordered_map<std::string_view, int> open;  // Keys view the tokens' names.
  int title = -1;
  for (size_t i = 0; i < tokens->size(); ++i) {
    Token& t = (*tokens)[i];
    if (t.kind == Kind::kTitle) {
      if (title < 0 && open["svg"] == 0 && open["math"] == 0) title = static_cast<int>(i);
    } else if (t.kind == Kind::kStart) {
      bool protected_element = ProtectedElements().count(t.name.view()) > 0;
      bool dropped = DroppedElements().count(t.name.view()) > 0;
      if (t.name == "header" && open["article"] + open["main"] > 0) dropped = false;
      t.drop = dropped || (!protected_element && (t.hidden || t.rejected));
      if (t.self_closing || VoidElements().count(t.name.view())) continue;
      stack.push_back(static_cast<int32_t>(i));
      ++open[t.name.view()];
    } else if (t.kind == Kind::kEnd) {
      auto it = open.find(t.name.view());
      if (it == open.end() || it->second == 0) continue;
      while (!stack.empty()) {
        Token& top = (*tokens)[stack.back()];
        stack.pop_back();
        --open[top.name.view()];
        if (top.name.view() == t.name.view()) {
          top.close = static_cast<int32_t>(i);
          break;
        }
      }
    }
  }
  return title;
}

class TextWriter {
 public:
  TextWriter(const MappedText& in, MappedText* out) : in_(in), out_(out) {}

  // Writes in.text[begin, end) with character references decoded and, unless
  // `preformatted`, runs of HTML blanks as one space.
  void Text(size_t begin, size_t end, bool preformatted) {
    std::string_view s(in_.text);
    for (size_t i = begin; i < end;) {
      // Bytes that come out as they are, with their own offsets, are copied
      // a run at a time: not '&', and no blank but a single ' ' after a
      // copied byte (in preformatted text, anything but '&' and '\r').
      size_t run = i;
      while (run < end) {
        char r = s[run];
        if (r == '&' || (preformatted && r == '\r')) break;
        if (!preformatted && IsHtmlSpace(r) && (r != ' ' || run == i || s[run - 1] == ' ')) break;
        ++run;
      }
      if (run > i) {
        out_->AppendFrom(in_, i, run);
        i = run;
        continue;
      }
      char c = s[i];
      if (c == '&') {
        char32_t cps[2];
        int count = 0;
        size_t n = ParseCharacterReference(s.substr(i, end - i), cps, &count);
        if (n > 0) {
          for (int k = 0; k < count; ++k) CodePoint(cps[k], in_.RawAt(i));
          i += n;
          continue;
        }
      }
      if (!preformatted && IsHtmlSpace(c)) {
        if (out_->text.empty() || (out_->text.back() != ' ' && out_->text.back() != '\n'))
          out_->Append(' ', in_.RawAt(i));
      } else {
        out_->Append(c == '\r' && preformatted ? '\n' : c, in_.RawAt(i));
      }
      ++i;
    }
  }

  void Newline(uint32_t raw) {
    // Trailing blanks before a break carry nothing.
    while (!out_->text.empty() && out_->text.back() == ' ') {
      out_->text.pop_back();
      out_->offsets.pop_back();
    }
    if (!out_->text.empty() && out_->text.back() != '\n') out_->Append('\n', raw);
  }

  void Literal(std::string_view s, uint32_t raw) { out_->Append(s, raw); }

 private:
  void CodePoint(char32_t c, uint32_t raw) {
    char buf[4];
    size_t n;
    if (c < 0x80) {
      buf[0] = static_cast<char>(c);
      n = 1;
    } else if (c < 0x800) {
      buf[0] = static_cast<char>(0xC0 | (c >> 6));
      buf[1] = static_cast<char>(0x80 | (c & 0x3F));
      n = 2;
    } else if (c < 0x10000) {
      buf[0] = static_cast<char>(0xE0 | (c >> 12));
      buf[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[2] = static_cast<char>(0x80 | (c & 0x3F));
      n = 3;
    } else {
      buf[0] = static_cast<char>(0xF0 | (c >> 18));
      buf[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      buf[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[3] = static_cast<char>(0x80 | (c & 0x3F));
      n = 4;
    }
    out_->Append(std::string_view(buf, n), raw);
  }

  const MappedText& in_;
  MappedText* out_;
};

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace

bool LooksLikeHtml(std::string_view path, std::string_view text) {
  if (EndsWithIgnoreCase(path, ".html") || EndsWithIgnoreCase(path, ".htm") ||
      EndsWithIgnoreCase(path, ".xhtml"))
    return true;
  size_t i = 0;
  while (i < text.size() && IsHtmlSpace(text[i])) ++i;
  if (i >= text.size() || text[i] != '<') return false;
  static const char* const kOpeners[] = {"!doctype html", "html", "head", "body", "meta",
                                         "title", "?xml", "article", "div", "p"};
  std::string_view rest = text.substr(i + 1, 16);
  for (std::string_view opener : kOpeners) {
    if (rest.size() <= opener.size() || !EqualsIgnoreCase(rest.substr(0, opener.size()), opener))
      continue;
    char after = rest[opener.size()];
    if (IsHtmlSpace(after) || after == '>' || after == '/') return true;
  }
  return false;
}

MappedText HtmlToText(const MappedText& html, const HtmlOptions& options, std::string* title) {
  std::vector<Token> tokens = Tokenizer(html.text, options).Run();
  int title_index = PairAndMarkTokens(&tokens);

  title->clear();
  if (title_index >= 0) {
    MappedText t;
    TextWriter(html, &t).Text(tokens[title_index].begin, tokens[title_index].end, false);
    std::string_view v(t.text);
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    title->assign(v);
  }

  MappedText out;
  out.Reserve(html.text.size() / 2);
  TextWriter writer(html, &out);
  int preformatted = 0;
  bool first_cell = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case Kind::kTitle:
        break;
      case Kind::kText:
        writer.Text(t.begin, t.end, preformatted > 0);
        break;
      case Kind::kStart:
        if (t.drop && t.close >= 0) {
          writer.Newline(html.RawAt(t.begin));
          i = static_cast<size_t>(t.close);
          break;
        }
        if (t.name == "li") {
          writer.Newline(html.RawAt(t.begin));
          writer.Literal("- ", html.RawAt(t.begin));
        } else if (t.name == "tr") {
          if (!first_cell) writer.Literal(" |", html.RawAt(t.begin));  // Row left open.
          writer.Newline(html.RawAt(t.begin));
          first_cell = true;
        } else if (t.name == "td" || t.name == "th") {
          writer.Literal(first_cell ? "| " : " | ", html.RawAt(t.begin));
          first_cell = false;
        } else if (BlockElements().count(t.name.view())) {
          writer.Newline(html.RawAt(t.begin));
        }
        if ((t.name == "pre" || t.name == "listing") && !t.self_closing) ++preformatted;
        break;
      case Kind::kEnd:
        if (t.name == "tr" || t.name == "table") {
          if (!first_cell) writer.Literal(" |", html.RawAt(t.begin));
          writer.Newline(html.RawAt(t.begin));
          first_cell = true;
        } else if (BlockElements().count(t.name.view())) {
          writer.Newline(html.RawAt(t.begin));
        }
        if ((t.name == "pre" || t.name == "listing") && preformatted > 0) --preformatted;
        break;
    }
  }
  out.Finish(html.RawAt(html.text.size()));
  return out;
}

}  // namespace quarry
