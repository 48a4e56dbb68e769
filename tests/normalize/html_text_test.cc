// Tests LooksLikeHtml, HtmlToText (src/normalize/html_text.cc) and the
// character references of src/normalize/html_entities.cc.
#include "normalize/html_text.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "normalize/html_entities.h"

namespace quarry {
namespace {

std::string Text(const std::string& html, std::string* title = nullptr,
                 const HtmlOptions& options = {}) {
  std::string t;
  MappedText out = HtmlToText(IdentityMapped(html), options, &t);
  REQUIRE(out.offsets.size() == out.text.size() + 1);
  if (title) *title = t;
  return out.text;
}

TEST_CASE("character references", "[html]") {
  struct Case {
    const char* input;
    size_t length;  // 0: not a reference.
    std::u32string code_points;
  };
  const Case cases[] = {
      {"&amp;", 5, U"&"},
      {"&nbsp;x", 6, U"\u00A0"},
      {"&rsquo;", 7, U"\u2019"},
      {"&mdash;", 7, U"\u2014"},
      {"&hellip;", 8, U"\u2026"},
      {"&AMP;", 5, U"&"},
      {"&NotEqualTilde;", 15, U"\u2242\u0338"},
      {"&#8217;", 7, U"\u2019"},
      {"&#x2019;", 8, U"\u2019"},
      {"&#X2019;", 8, U"\u2019"},
      {"&#146;", 6, U"\u2019"},  // C1 numbers mean windows-1252.
      {"&#0;", 4, U"\uFFFD"},
      {"&#xD800;", 8, U"\uFFFD"},
      {"&#99999999999999999999999999;", 29, U"\uFFFD"},
      {"&#65", 4, U"A"},          // The ';' is optional for numbers.
      {"&amp", 4, U"&"},          // Legacy names may omit it...
      {"&copy 2025", 5, U"\u00A9"},
      {"&copy2025", 0, U""},      // ...but not run on into a word.
      {"&rsquo", 0, U""},         // And only legacy names may.
      {"&notanentity;", 0, U""},
      {"&;", 0, U""},
      {"&#;", 0, U""},
      {"&#x;", 0, U""},
      {"& T", 0, U""},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    char32_t cps[2] = {0, 0};
    int count = 0;
    size_t n = ParseCharacterReference(c.input, cps, &count);
    CHECK(n == c.length);
    if (n > 0) CHECK(std::u32string(cps, cps + count) == c.code_points);
  }
  CHECK(LookupEntity("rsquo") != nullptr);
  CHECK(LookupEntity("Rsquo") == nullptr);
}

TEST_CASE("LooksLikeHtml", "[html]") {
  struct Case {
    const char* path;
    const char* text;
    bool html;
  };
  const Case cases[] = {
      {"a.html", "no markup at all", true},
      {"a.HTM", "", true},
      {"a.txt", "  <!DOCTYPE html><html>", true},
      {"a.txt", "<html lang=en>", true},
      {"-", "\n<div class=x>text</div>", true},
      {"a.txt", "<p>text</p>", true},
      {"a.txt", "Meta <b>signs</b>", false},
      {"a.txt", "<3 this deal", false},
      {"a.txt", "<pre-announcement>", false},
      {"a.md", "# Title", false},
  };
  for (const Case& c : cases) {
    INFO(c.path << " " << c.text);
    CHECK(LooksLikeHtml(c.path, c.text) == c.html);
  }
}

TEST_CASE("HtmlToText: text, blocks and dropped elements", "[html]") {
  struct Case {
    const char* html;
    const char* text;
  };
  const Case cases[] = {
      {"<p>Meta signs</p><p>Crusoe builds</p>", "Meta signs\nCrusoe builds\n"},
      {"<p>A  \n\t B</p>", "A B\n"},
      {"<p>A<br>B<br/>C</p>", "A\nB\nC\n"},
      {"<p>AT&amp;T &ndash; 5&nbsp;GW &#8220;deal&#8221;</p>",
       "AT&T \u2013 5\u00A0GW \u201Cdeal\u201D\n"},
      {"<ul><li>One</li><li>Two</ul>", "- One\n- Two\n"},
      {"<table><tr><th>Firm</th><th>GW</th></tr><tr><td>Meta</td><td>1.6</td></tr></table>",
       "| Firm | GW |\n| Meta | 1.6 |\n"},
      {"<table><tr><td>a<td>b<tr><td>c</table>", "| a | b |\n| c |\n"},
      {"<script>var a = '<p>no</p>';</script><p>yes</p>", "yes\n"},
      {"<style>p { color: red }</style>text", "text"},
      {"<SCRIPT type=x>alert(1)</SCRIPT >after", "after"},
      {"<noscript>Enable JS</noscript>body", "body"},
      {"<nav><a>Home</a></nav><p>Story</p><footer>(c) 2025</footer>", "Story\n"},
      {"<header><p>Site name</p></header><aside>Related</aside><p>Story</p>", "Story\n"},
      {"<form><input value=x><button>Go</button></form>Story", "Story"},
      // A header inside the article holds the headline: kept.
      {"<article><header><h1>Headline</h1></header><p>Story</p></article>",
       "Headline\nStory\n"},
      // An unclosed <nav> must not swallow the article.
      {"<nav>Menu <p>Story one.</p><p>Story two.</p>", "Menu\nStory one.\nStory two.\n"},
      {"<div hidden>secret</div><div aria-hidden=\"true\">icon</div>"
       "<div style=\"display: none\">gone</div>shown",
       "shown"},
      {"<pre>line 1\n  line 2</pre>", "line 1\n  line 2\n"},
      {"a<!-- comment <p>x</p> -->b<!---->c<!-->d", "abcd"},
      {"a<!-- never closed <p>x</p>", "a"},
      {"<!DOCTYPE html><?xml-stylesheet x?>text", "text"},
      {"<a title=\"x > y\" href='/a'>link</a>", "link"},
      {"1 < 2 and 3 <4 and a <3", "1 < 2 and 3 <4 and a <3"},
      {"</div></div></p>text</span>", "text"},
      {"<p>unfinished <b", "unfinished "},
      {"<![CDATA[raw <text>]]>after", "raw <text>after"},
      {"<svg><title>icon</title><text>x</text></svg>Story", "Story"},
  };
  for (const Case& c : cases) {
    INFO(c.html);
    CHECK(Text(c.html) == c.text);
  }
}

TEST_CASE("HtmlToText: the first <title>, decoded", "[html]") {
  struct Case {
    const char* html;
    const char* title;
  };
  const Case cases[] = {
      {"<html><head><title> Meta &amp; Crusoe\n  sign </title></head><body>x</body>",
       "Meta & Crusoe sign"},
      {"<title>First</title><title>Second</title>", "First"},
      {"<svg><title>icon</title></svg><title>Page</title>", "Page"},
      {"<title>never closed <p>body</p>", ""},
      {"<p>no title</p>", ""},
  };
  for (const Case& c : cases) {
    INFO(c.html);
    std::string title;
    Text(c.html, &title);
    CHECK(title == c.title);
  }
}

TEST_CASE("HtmlToText: elements rejected by class or id", "[html]") {
  HtmlOptions options;
  options.drop_class_or_id = [](std::string_view name) {
    return name == "share-buttons" || name == "related";
  };
  struct Case {
    const char* html;
    const char* text;
  };
  const Case cases[] = {
      {"<p>Story</p><div class=\"post share-buttons\">Share on X</div><p>More</p>",
       "Story\nMore\n"},
      {"<p>Story</p><section id=related><p>Other $31 million IPO</p></section>", "Story\n"},
      // The page itself is never dropped.
      {"<body class=related><p>Story</p></body>", "Story\n"},
      {"<article class=\"share-buttons\"><p>Story</p></article>", "Story\n"},
      {"<p class=\"lead\">Story</p>", "Story\n"},
  };
  for (const Case& c : cases) {
    INFO(c.html);
    CHECK(Text(c.html, nullptr, options) == c.text);
  }
}

TEST_CASE("HtmlToText: text bytes keep their raw offsets", "[html]") {
  std::string html = "<p>Hi &amp; <b>bye</b></p>";
  std::string title;
  MappedText out = HtmlToText(IdentityMapped(html), {}, &title);
  REQUIRE(out.text == "Hi & bye\n");
  // 'H' is raw byte 3, '&' comes from the reference at 6, 'b' of bye is 15.
  CHECK(out.offsets[0] == 3);
  CHECK(out.offsets[3] == 6);
  CHECK(out.offsets[5] == 15);
  CHECK(out.offsets.back() == html.size());
  for (size_t i = 0; i < out.text.size(); ++i) {
    if (out.text[i] != '&' && out.text[i] != '\n') CHECK(html[out.offsets[i]] == out.text[i]);
  }
}

// Quadratic behaviour would take minutes here; linear takes well under a second.
TEST_CASE("HtmlToText: adversarial markup stays linear", "[html][adversarial]") {
  const size_t n = 100000;
  std::string cases[] = {
      [&] {  // Deep unclosed nesting, then stray end tags of other names.
        std::string s;
        for (size_t i = 0; i < n; ++i) s += "<div><nav>";
        for (size_t i = 0; i < n; ++i) s += "</span>";
        return s + "end";
      }(),
      [&] {  // Many unmatched quotes in attributes.
        std::string s;
        for (size_t i = 0; i < n; ++i) s += "<a title=\"x>y ";
        return s;
      }(),
      [&] {  // Many '<' that open nothing, and unclosed comments' look-alikes.
        std::string s;
        for (size_t i = 0; i < n; ++i) s += "< <! <!- </ ";
        return s;
      }(),
      [&] {  // Script-like elements that never close.
        std::string s;
        for (size_t i = 0; i < n; ++i) s += "<title>x";
        return s + "<script>";
      }(),
      [&] {  // Balanced nav elements, each searched for its close.
        std::string s;
        for (size_t i = 0; i < n; ++i) s += "<nav>m</nav><p>t</p>";
        return s;
      }(),
  };
  for (const std::string& html : cases) {
    auto start = std::chrono::steady_clock::now();
    std::string title;
    MappedText out = HtmlToText(IdentityMapped(html), {}, &title);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(out.offsets.size() == out.text.size() + 1);
    CHECK(seconds < 10.0);
  }
}

}  // namespace
}  // namespace quarry
