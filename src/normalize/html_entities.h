// HTML character references: named (&rsquo;), decimal (&#8217;), hex (&#x2019;).
#ifndef QUARRY_NORMALIZE_HTML_ENTITIES_H_
#define QUARRY_NORMALIZE_HTML_ENTITIES_H_

#include <cstddef>
#include <string_view>

namespace quarry {

// If s[0] == '&' starts a character reference, returns its length in bytes
// (including the ';' when present) and sets code_points[0..*count) (a few
// HTML5 names stand for two code points); otherwise returns 0.
// Follows HTML5 where it matters for real pages: numeric references in
// 0x80..0x9F mean their windows-1252 characters, 0, surrogates and values past
// U+10FFFF become U+FFFD, and only the legacy names (amp, lt, gt, quot, nbsp,
// copy, reg) may omit the ';' (and then not before a letter, digit or '=').
// Digit runs of any length are consumed in linear time.
size_t ParseCharacterReference(std::string_view s, char32_t code_points[2], int* count);

struct NamedEntity {
  const char* name;  // Without '&' and ';': "rsquo".
  char32_t first;
  char32_t second;   // 0 for the single-code-point names.
  bool legacy;       // Also recognized without the ';'.
};

// The HTML5 entity called `name` (case-sensitive, no '&' or ';'), or nullptr.
const NamedEntity* LookupEntity(std::string_view name);

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_HTML_ENTITIES_H_
