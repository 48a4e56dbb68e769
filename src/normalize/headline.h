// Choosing a document's title.
#ifndef QUARRY_NORMALIZE_HEADLINE_H_
#define QUARRY_NORMALIZE_HEADLINE_H_

#include <string>
#include <string_view>

namespace quarry {

inline constexpr size_t kMaxHeadlineBytes = 200;
inline constexpr int kMinHeadlineWords = 3;
inline constexpr int kMaxHeadlineWords = 30;

// Lines that read like a headline: kMinHeadlineWords..kMaxHeadlineWords
// words, at most kMaxHeadlineBytes, with a letter, not a bullet or table row,
// and not ending like a sentence or a lead-in ('.', ',', ';', ':').
bool IsHeadlineLike(std::string_view line);

// The headline of normalized `text`: the last headline-like line before the
// first body line (kMinBodyWords or more words, not headline-like) among the
// first kHeadlineScanLines non-blank lines, so that a masthead ("The Capital
// Stack") or tagline above the real headline is passed over. "" when the text
// opens with body text or nothing qualifies.
inline constexpr int kHeadlineScanLines = 12;
inline constexpr int kMinBodyWords = 10;
std::string HeadlineOf(std::string_view text);

// An HTML <title> without the site name that pages append: "Deal | Site" and
// "Deal headline of four or more words - Site" lose the part after the last
// separator when it has at most three words.
std::string CleanPageTitle(std::string_view title);

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_HEADLINE_H_
