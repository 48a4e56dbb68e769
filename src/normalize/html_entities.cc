// Exports ParseCharacterReference and LookupEntity over the HTML5 entity table
// in html_entity_table.inc.
#include "normalize/html_entities.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace quarry {
namespace {

const NamedEntity kEntities[] = {
#include "normalize/html_entity_table.inc"
};

// The longest HTML5 entity name ("CounterClockwiseContourIntegral") has 31 bytes.
constexpr size_t kMaxNameLength = 32;

// HTML5's replacements for numeric references 0x80..0x9F: windows-1252.
const char32_t kC1ToWindows1252[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t ParseNumeric(std::string_view s, char32_t code_points[2], int* count) {
  // s starts with "&#".
  size_t i = 2;
  bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
  if (hex) ++i;
  size_t digits_begin = i;
  uint64_t value = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    int d = hex ? HexValue(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
    if (d < 0) break;
    value = value * (hex ? 16 : 10) + static_cast<uint64_t>(d);
    if (value > 0x10FFFF) {
      overflow = true;
      value = 0x110000;  // Stays out of range however many digits follow.
    }
  }
  if (i == digits_begin) return 0;  // "&#;" or "&#x" is literal text.
  if (i < s.size() && s[i] == ';') ++i;
  char32_t c = static_cast<char32_t>(value);
  if (overflow || c == 0 || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c >= 0x80 && c <= 0x9F) c = kC1ToWindows1252[c - 0x80];
  code_points[0] = c;
  *count = 1;
  return i;
}

}  // namespace

const NamedEntity* LookupEntity(std::string_view name) {
  auto less = [](const NamedEntity& e, std::string_view n) { return std::string_view(e.name) < n; };
  const NamedEntity* it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name, less);
  if (it == std::end(kEntities) || std::string_view(it->name) != name) return nullptr;
  return it;
}

size_t ParseCharacterReference(std::string_view s, char32_t code_points[2], int* count) {
  if (s.size() < 2 || s[0] != '&') return 0;
  if (s[1] == '#') return ParseNumeric(s, code_points, count);
  size_t i = 1;
  while (i < s.size() && i <= kMaxNameLength && IsAlnum(s[i])) ++i;
  if (i == 1) return 0;
  std::string_view name = s.substr(1, i - 1);
  bool semicolon = i < s.size() && s[i] == ';';
  const NamedEntity* entity = LookupEntity(name);
  if (!entity) return 0;
  if (!semicolon) {
    // Without ';' only the legacy names count, and not when the name runs on
    // into more word characters ("&copy2024" is read as text, not "©2024").
    if (!entity->legacy) return 0;
    if (i < s.size() && (IsAlnum(s[i]) || s[i] == '=')) return 0;
  }
  code_points[0] = entity->first;
  code_points[1] = entity->second;
  *count = entity->second ? 2 : 1;
  return semicolon ? i + 1 : i;
}

}  // namespace quarry
