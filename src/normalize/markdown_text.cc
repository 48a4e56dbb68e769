// Exports IsMarkdownPath and MarkdownToText: the Markdown step of normalization.
//
// Block syntax is handled a line at a time. Inline syntax is handled by
// marking bytes of a line as removed in passes that each stay linear: escapes,
// code spans, autolinks, links (brackets paired with a stack), emphasis
// (delimiter runs paired with one stack per delimiter character).
#include "normalize/markdown_text.h"

#include <vector>

namespace quarry {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (IsBlank(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (IsBlank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A line of three or more of one of - * _ = (blanks allowed): a thematic
// break or a setext heading underline.
bool IsRuleLine(std::string_view line) {
  line = TrimBlanks(line);
  if (line.size() < 3) return false;
  char marker = line[0];
  if (marker != '-' && marker != '*' && marker != '_' && marker != '=') return false;
  int count = 0;
  for (char c : line) {
    if (c == marker) {
      ++count;
    } else if (!IsBlank(c)) {
      return false;
    }
  }
  return count >= 3;
}

bool IsFence(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  return line.compare(i, 3, "```") == 0 || line.compare(i, 3, "~~~") == 0;
}

// "[label]: destination" at the start of a line.
bool IsReferenceDefinition(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] != '[') return false;
  size_t close = line.find("]:", i + 1);
  if (close == std::string_view::npos || close == i + 1) return false;
  for (size_t k = i + 1; k < close; ++k)
    if (line[k] == '[' || line[k] == ']') return false;
  return !TrimBlanks(line.substr(close + 2)).empty();
}

// Inline syntax of one line (a range of the input).
class InlineLine {
 public:
  // Most lines hold none of the bytes that open inline syntax (an escape, a
  // code span, an autolink, a link, emphasis), and are copied as they are.
  InlineLine(std::string_view line)
      : s_(line), plain_(line.find_first_of("\\`<[*_~") == std::string_view::npos) {
    if (plain_) return;
    removed_.assign(line.size(), false);
    literal_.assign(line.size(), false);
  }

  // Marks the bytes to drop; Emit() then copies the others.
  void Process() {
    if (plain_) return;
    Escapes();
    CodeSpans();
    Autolinks();
    Links();
    Emphasis();
  }

  void Emit(const MappedText& in, size_t line_begin, MappedText* out) const {
    if (plain_) {
      out->AppendFrom(in, line_begin, line_begin + s_.size());
      return;
    }
    for (size_t i = 0; i < s_.size();) {  // Runs of kept bytes, with their offsets.
      if (removed_[i]) {
        ++i;
        continue;
      }
      size_t end = i + 1;
      while (end < s_.size() && !removed_[end]) ++end;
      out->AppendFrom(in, line_begin + i, line_begin + end);
      i = end;
    }
  }

 private:
  bool Free(size_t i) const { return !removed_[i] && !literal_[i]; }

  void Escapes() {
    for (size_t i = 0; i + 1 < s_.size(); ++i) {
      if (s_[i] == '\\' && IsAsciiPunct(s_[i + 1])) {
        removed_[i] = true;
        literal_[i + 1] = true;
        ++i;
      }
    }
  }

  size_t RunLength(size_t i, char c) const {
    size_t n = 0;
    while (i + n < s_.size() && s_[i + n] == c && Free(i + n)) ++n;
    return n;
  }

  void CodeSpans() {
    // failed_[n]: no backtick run of length n starts after the position where
    // a search for one last failed, so later searches can stop at once.
    std::vector<bool> failed(17, false);
    for (size_t i = 0; i < s_.size();) {
      if (s_[i] != '`' || !Free(i)) {
        ++i;
        continue;
      }
      size_t n = RunLength(i, '`');
      size_t close = std::string_view::npos;
      if (n <= 16 && !failed[n]) {
        for (size_t k = i + n; k < s_.size();) {
          if (s_[k] != '`') {
            ++k;
            continue;
          }
          size_t m = RunLength(k, '`');
          if (m == n) {
            close = k;
            break;
          }
          k += m ? m : 1;
        }
        if (close == std::string_view::npos) failed[n] = true;
      }
      if (close == std::string_view::npos) {
        i += n;
        continue;
      }
      for (size_t k = i; k < i + n; ++k) removed_[k] = true;
      for (size_t k = close; k < close + n; ++k) removed_[k] = true;
      for (size_t k = i + n; k < close; ++k) literal_[k] = true;
      i = close + n;
    }
  }

  void Autolinks() {
    for (size_t i = 0; i < s_.size(); ++i) {
      if (s_[i] != '<' || !Free(i)) continue;
      std::string_view rest = s_.substr(i + 1);
      if (rest.compare(0, 7, "http://") != 0 && rest.compare(0, 8, "https://") != 0 &&
          rest.compare(0, 7, "mailto:") != 0)
        continue;
      size_t k = i + 1;
      while (k < s_.size() && s_[k] != '>' && s_[k] != ' ' && s_[k] != '<') ++k;
      if (k >= s_.size() || s_[k] != '>') continue;
      removed_[i] = removed_[k] = true;
      for (size_t j = i + 1; j < k; ++j) literal_[j] = true;
      i = k;
    }
  }

  // match[i] = index of the partner of the bracket at i, or npos.
  std::vector<size_t> PairBrackets(char open, char close) const {
    std::vector<size_t> match(s_.size(), std::string_view::npos);
    std::vector<size_t> stack;
    for (size_t i = 0; i < s_.size(); ++i) {
      if (!Free(i)) continue;
      if (s_[i] == open) {
        stack.push_back(i);
      } else if (s_[i] == close && !stack.empty()) {
        match[stack.back()] = i;
        match[i] = stack.back();
        stack.pop_back();
      }
    }
    return match;
  }

  void Links() {
    std::vector<size_t> square = PairBrackets('[', ']');
    std::vector<size_t> round = PairBrackets('(', ')');
    const size_t npos = std::string_view::npos;
    for (size_t i = 0; i < s_.size(); ++i) {
      if (s_[i] != '[' || !Free(i) || square[i] == npos) continue;
      size_t close = square[i];
      if (i + 1 < close && s_[i + 1] == '^') {  // Footnote reference [^1].
        for (size_t k = i; k <= close; ++k) removed_[k] = true;
        i = close;
        continue;
      }
      size_t next = close + 1;
      size_t tail_end = npos;  // Last byte of "(url)" or "[ref]".
      if (next < s_.size() && s_[next] == '(' && round[next] != npos) tail_end = round[next];
      if (next < s_.size() && s_[next] == '[' && square[next] != npos) tail_end = square[next];
      if (tail_end == npos) continue;
      removed_[i] = true;
      removed_[close] = true;
      if (i > 0 && s_[i - 1] == '!' && Free(i - 1)) removed_[i - 1] = true;  // Image.
      for (size_t k = next; k <= tail_end; ++k) removed_[k] = true;
    }
  }

  void Emphasis() {
    struct Run {
      size_t pos, len;
    };
    std::vector<Run> stacks[3];  // '*', '_', '~'
    auto slot = [](char c) { return c == '*' ? 0 : c == '_' ? 1 : 2; };
    auto space_or_edge = [&](size_t i, bool before) {
      if (before ? i == 0 : i >= s_.size()) return true;
      char c = s_[before ? i - 1 : i];
      return c == ' ' || c == '\t';
    };
    auto punct_at = [&](size_t i, bool before) {
      if (before ? i == 0 : i >= s_.size()) return false;
      return IsAsciiPunct(s_[before ? i - 1 : i]);
    };
    for (size_t i = 0; i < s_.size();) {
      char c = s_[i];
      if ((c != '*' && c != '_' && c != '~') || !Free(i)) {
        ++i;
        continue;
      }
      size_t len = RunLength(i, c);
      size_t end = i + len;
      if (c == '~' && len != 2) {  // Only ~~strike~~.
        i = end;
        continue;
      }
      bool prev_space = space_or_edge(i, true), next_space = space_or_edge(end, false);
      bool prev_punct = punct_at(i, true), next_punct = punct_at(end, false);
      bool left = !next_space && (!next_punct || prev_space || prev_punct);
      bool right = !prev_space && (!prev_punct || next_space || next_punct);
      bool can_open = left, can_close = right;
      if (c == '_') {  // snake_case words are not emphasis.
        can_open = left && (!right || prev_punct);
        can_close = right && (!left || next_punct);
      }
      std::vector<Run>& stack = stacks[slot(c)];
      if (can_close && !stack.empty()) {
        Run open = stack.back();
        stack.pop_back();
        size_t n = std::min(open.len, len);
        for (size_t k = 0; k < n; ++k) {
          removed_[open.pos + open.len - 1 - k] = true;
          removed_[i + k] = true;
        }
      } else if (can_open) {
        stack.push_back({i, len});
      }
      i = end;
    }
  }

  std::string_view s_;
  bool plain_;
  std::vector<bool> removed_;
  std::vector<bool> literal_;
};

// Strips "key:" and quotes from a front matter value.
std::string FrontMatterValue(std::string_view line) {
  size_t colon = line.find(':');
  std::string_view v = TrimBlanks(line.substr(colon + 1));
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

}  // namespace

bool IsMarkdownPath(std::string_view path) {
  return EndsWith(path, ".md") || EndsWith(path, ".markdown") || EndsWith(path, ".mdown");
}

MappedText MarkdownToText(const MappedText& md, std::string* title) {
  title->clear();
  std::string_view s(md.text);
  MappedText out;
  out.Reserve(s.size());
  size_t pos = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;

  // YAML front matter: "---" on the first line, up to the next "---" or "...".
  if (TrimBlanks(s.substr(pos, s.find('\n', pos) - pos)) == "---") {
    size_t p = s.find('\n', pos);
    std::string found_title;
    for (int lines = 0; p != std::string_view::npos && lines < 200; ++lines) {
      size_t b = p + 1;
      size_t e = s.find('\n', b);
      std::string_view line = s.substr(b, (e == std::string_view::npos ? s.size() : e) - b);
      std::string_view t = TrimBlanks(line);
      if (t == "---" || t == "...") {
        *title = found_title;
        pos = e == std::string_view::npos ? s.size() : e + 1;
        break;
      }
      if (t.substr(0, 6) == "title:" && found_title.empty()) found_title = FrontMatterValue(t);
      p = e;
    }
  }

  bool in_fence = false;
  std::string first_h1;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    size_t end = nl == std::string_view::npos ? s.size() : nl;
    std::string_view line = s.substr(pos, end - pos);
    size_t next = nl == std::string_view::npos ? s.size() : nl + 1;
    bool keep_newline = true;

    if (IsFence(line)) {
      in_fence = !in_fence;
      keep_newline = false;
    } else if (in_fence) {
      out.AppendFrom(md, pos, end);
    } else if (IsRuleLine(line) || IsReferenceDefinition(line)) {
      keep_newline = false;
    } else {
      size_t b = 0;
      while (b < line.size() && IsBlank(line[b])) ++b;
      // Blockquote markers, then a heading's #'s or a list bullet.
      while (b < line.size() && line[b] == '>') {
        ++b;
        while (b < line.size() && IsBlank(line[b])) ++b;
      }
      size_t e = line.size();
      size_t hashes = 0;
      size_t level = 0;  // Of a heading.
      while (b + hashes < line.size() && line[b + hashes] == '#') ++hashes;
      if (hashes >= 1 && hashes <= 6 &&
          (b + hashes == line.size() || IsBlank(line[b + hashes]))) {
        level = hashes;
        b += hashes;
        while (b < line.size() && IsBlank(line[b])) ++b;
        // A closing sequence of #'s preceded by a blank.
        size_t t = e;
        while (t > b && (IsBlank(line[t - 1]) || line[t - 1] == '\r')) --t;
        size_t h = t;
        while (h > b && line[h - 1] == '#') --h;
        if (h < t && (h == b || IsBlank(line[h - 1]))) t = h;
        while (t > b && IsBlank(line[t - 1])) --t;
        e = t;
      } else if (b + 1 < line.size() && (line[b] == '-' || line[b] == '*' || line[b] == '+') &&
                 IsBlank(line[b + 1])) {
        out.Append("- ", md.RawAt(pos + b));
        b += 2;
        while (b < line.size() && IsBlank(line[b])) ++b;
        // Task list boxes.
        if (line.compare(b, 3, "[ ]") == 0 || line.compare(b, 3, "[x]") == 0 ||
            line.compare(b, 3, "[X]") == 0) {
          b += 3;
          while (b < line.size() && IsBlank(line[b])) ++b;
        }
      }
      size_t mark = out.text.size();
      InlineLine inline_line(line.substr(b, e - b));
      inline_line.Process();
      inline_line.Emit(md, pos + b, &out);
      if (level == 1 && first_h1.empty()) first_h1 = out.text.substr(mark);
    }
    if (keep_newline && nl != std::string_view::npos) out.Append('\n', md.RawAt(nl));
    pos = next;
  }
  if (title->empty()) *title = first_h1;
  out.Finish(md.RawAt(md.text.size()));
  return out;
}

}  // namespace quarry
