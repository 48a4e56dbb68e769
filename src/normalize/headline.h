// Choosing a document's title.
#ifndef QUARRY_NORMALIZE_HEADLINE_H_
#define QUARRY_NORMALIZE_HEADLINE_H_

#include <string>
#include <string_view>

namespace quarry {

inline constexpr size_t kMaxHeadlineBytes = 200;
inline constexpr int kMinHeadlineWords = 3;
inline constexpr int kMaxHeadlineWords = 30;

// The first non-blank line of normalized `text` when it reads like a
// headline: kMinHeadlineWords..kMaxHeadlineWords words, at most
// kMaxHeadlineBytes, with a letter, not a bullet or table row, and not ending
// like a sentence or a lead-in ('.', ',', ';', ':'). Otherwise "".
std::string HeadlineOf(std::string_view text);

// An HTML <title> without the site name that pages append: "Deal | Site" and
// "Deal headline of four or more words - Site" lose the part after the last
// separator when it has at most three words.
std::string CleanPageTitle(std::string_view title);

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_HEADLINE_H_
