// Reducing an HTML page to its text, keeping the raw offset map.
#ifndef QUARRY_NORMALIZE_HTML_TEXT_H_
#define QUARRY_NORMALIZE_HTML_TEXT_H_

#include <functional>
#include <string>
#include <string_view>

#include "normalize/offset_map.h"

namespace quarry {

// True for .html/.htm/.xhtml paths, and for text whose first non-blank bytes
// open a typical page element (<!DOCTYPE html>, <html>, <head>, <body>, ...).
bool LooksLikeHtml(std::string_view path, std::string_view text);

struct HtmlOptions {
  // Called with each class name and the id of an element; true drops the
  // element with everything inside it (see "element" rules in
  // rules/boilerplate.rules). May be empty.
  std::function<bool(std::string_view)> drop_class_or_id;
};

// Returns the text of `html` (a finished MappedText), and the page's first
// <title> in *title (entities decoded, blanks collapsed; "" when absent).
//
// The contents of script, style, template and other non-text elements are
// dropped, and so are nav, header, footer, aside, form, and elements that are
// hidden or whose class/id the options reject - but only when the element is
// closed by its own end tag, so that one unclosed <nav> cannot swallow an
// article (a <header> inside <article> or <main> is kept: it holds the
// headline). Block elements become line breaks, <li> a "- " bullet line,
// table rows "| a | b |" lines. Character references are decoded; runs of
// HTML blanks become one space outside <pre>. Malformed markup is read as
// text or skipped, never fatal; time and memory are linear in the input.
MappedText HtmlToText(const MappedText& html, const HtmlOptions& options, std::string* title);

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_HTML_TEXT_H_
