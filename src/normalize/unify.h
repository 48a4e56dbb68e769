// NFKC and the unification of quotes, dashes, spaces and line breaks.
#ifndef QUARRY_NORMALIZE_UNIFY_H_
#define QUARRY_NORMALIZE_UNIFY_H_

#include "normalize/offset_map.h"

namespace quarry {

// Returns `in` (a finished MappedText of UTF-8) normalized so that later
// stages and rules only ever see one spelling of each character:
//   - NFKC (utf8proc), applied per grapheme cluster so that each output byte
//     maps to the raw offset of the cluster it came from; "…" becomes "...",
//     full-width forms ASCII, ligatures letters;
//   - quotes ‘ ’ ‚ ‛ ‹ › ′ ‵ -> '  and  “ ” „ ‟ « » ″ ‶ -> "
//   - dashes ‐ ‑ ‒ – − ﹣ －  -> '-';  em dash — and bar ― -> " - " (they separate
//     clauses, and "response—promising" must not read as one hyphenated word);
//   - fraction slash ⁄ -> '/', and a vulgar fraction after a digit gets a
//     space: "1½" -> "1 1/2", not "11/2";
//   - NBSP, thin, figure, ideographic and other spaces, and tabs -> ' ';
//     zero-width characters, soft hyphens, bidi and other format controls,
//     variation selectors and C0/C1 controls are removed, and so are the
//     signs ™ ® ℠ (NFKC would glue "TM" to the name before it);
//   - line endings \r\n and \r, and U+0085/U+2028/U+2029, form feed and
//     vertical tab -> \n;
//   - runs of spaces -> one space; no blanks at the start or end of a line;
//     at most one blank line in a row; no blank lines at the start or end.
// Invalid UTF-8 in `in` (there should be none after decoding) reads as U+FFFD.
// Linear time; clusters are cut after kMaxClusterCodePoints code points.
MappedText UnifyText(const MappedText& in);

inline constexpr int kMaxClusterCodePoints = 32;

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_UNIFY_H_
