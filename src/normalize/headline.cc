// Exports HeadlineOf and CleanPageTitle.
#include "normalize/headline.h"

namespace quarry {
namespace {

int CountWords(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (char c : s) {
    bool blank = c == ' ';
    if (!blank && !in_word) ++words;
    in_word = !blank;
  }
  return words;
}

bool HasLetter(std::string_view s) {
  for (char c : s) {
    // Any non-ASCII byte may be a letter; ASCII must be one.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80)
      return true;
  }
  return false;
}

}  // namespace

bool IsHeadlineLike(std::string_view line) {
  if (line.empty() || line.size() > kMaxHeadlineBytes || !HasLetter(line)) return false;
  int words = CountWords(line);
  if (words < kMinHeadlineWords || words > kMaxHeadlineWords) return false;
  char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  return !(line.substr(0, 2) == "- " || line.substr(0, 2) == "* " || line[0] == '|' ||
           line.substr(0, 4) == "\xE2\x80\xA2 ");  // "• "
}

std::string HeadlineOf(std::string_view text) {
  std::string_view headline;
  std::string_view first;
  int seen = 0;
  size_t pos = 0;
  while (pos < text.size() && seen < kHeadlineScanLines) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    ++seen;
    if (IsHeadlineLike(line)) {
      headline = line;
      if (first.empty()) first = line;
    } else if (CountWords(line) >= kMinBodyWords) {
      return std::string(headline);  // The body starts: the headline was above it.
    }
  }
  return std::string(first);
}

std::string CleanPageTitle(std::string_view title) {
  for (std::string_view separator : {" | ", " - "}) {
    size_t at = title.rfind(separator);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view head = title.substr(0, at);
    std::string_view site = title.substr(at + separator.size());
    if (CountWords(site) > 3) continue;
    if (separator == " - " && CountWords(head) < 4) continue;
    return std::string(head);
  }
  return std::string(title);
}

}  // namespace quarry
