// Reducing Markdown to plain text lines, keeping the raw offset map.
#ifndef QUARRY_NORMALIZE_MARKDOWN_TEXT_H_
#define QUARRY_NORMALIZE_MARKDOWN_TEXT_H_

#include <string>
#include <string_view>

#include "normalize/offset_map.h"

namespace quarry {

// True for .md, .markdown and .mdown paths.
bool IsMarkdownPath(std::string_view path);

// Returns the text of `md` (a finished MappedText) without Markdown syntax:
// heading #'s, blockquote '>'s, emphasis and strike-through markers, code
// span backticks, code fences, horizontal rules and setext underlines, link
// reference definitions, footnote references; [text](url), ![alt](url) and
// [text][ref] become their text; list bullets become "- ". A YAML front
// matter block is dropped and its `title:` goes to *title; without one, the
// text of the first level-1 heading does ("" when there is neither).
// Everything else, tables included, is kept as written. Linear time.
MappedText MarkdownToText(const MappedText& md, std::string* title);

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_MARKDOWN_TEXT_H_
