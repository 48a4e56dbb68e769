// Tests IsMarkdownPath and MarkdownToText (src/normalize/markdown_text.cc).
#include "normalize/markdown_text.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace quarry {
namespace {

std::string Text(const std::string& md, std::string* title = nullptr) {
  std::string t;
  MappedText out = MarkdownToText(IdentityMapped(md), &t);
  REQUIRE(out.offsets.size() == out.text.size() + 1);
  if (title) *title = t;
  return out.text;
}

TEST_CASE("IsMarkdownPath", "[markdown]") {
  CHECK(IsMarkdownPath("notes.md"));
  CHECK(IsMarkdownPath("dir/NOTES.MD"));
  CHECK(IsMarkdownPath("a.markdown"));
  CHECK_FALSE(IsMarkdownPath("a.txt"));
  CHECK_FALSE(IsMarkdownPath("md"));
}

TEST_CASE("MarkdownToText strips syntax and keeps text", "[markdown]") {
  struct Case {
    const char* md;
    const char* text;
  };
  const Case cases[] = {
      {"# Meta signs deal", "Meta signs deal"},
      {"### Heading ###\nbody", "Heading\nbody"},
      {"#hashtag is not a heading", "#hashtag is not a heading"},
      {"> quoted line\n>> nested", "quoted line\nnested"},
      {"**Bold** and *italic* and __strong__ and _em_", "Bold and italic and strong and em"},
      {"~~struck~~ text", "struck text"},
      {"snake_case_name and 5 * 3 * 2", "snake_case_name and 5 * 3 * 2"},
      {"a **bold *nested* run** z", "a bold nested run z"},
      {"unmatched **bold", "unmatched **bold"},
      {"[Crusoe](https://crusoe.ai) and ![logo](a.png) and [ref][1] and [sic]",
       "Crusoe and logo and ref and [sic]"},
      {"[link (with parens)](https://x.io/a_(b)) end", "link (with parens) end"},
      {"Footnote[^1] here", "Footnote here"},
      {"see <https://example.com/a>", "see https://example.com/a"},
      {"`code_with *stars*` and ``a ` b``", "code_with *stars* and a ` b"},
      {"\\*not emphasis\\* and \\[not link\\]", "*not emphasis* and [not link]"},
      {"* item one\n+ item two\n- [x] done", "- item one\n- item two\n- done"},
      {"1. first\n2. second", "1. first\n2. second"},
      {"Title\n=====\ntext\n---\nmore\n***", "Title\ntext\nmore\n"},
      {"```cpp\nint *p = **q;\n```\nafter", "int *p = **q;\nafter"},
      {"[1]: https://example.com/filing\ntext", "text"},
      {"| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |"},
  };
  for (const Case& c : cases) {
    INFO(c.md);
    CHECK(Text(c.md) == c.text);
  }
}

TEST_CASE("MarkdownToText: front matter gives the title and is dropped", "[markdown]") {
  std::string title;
  CHECK(Text("---\ntitle: \"Crusoe Expands\"\nauthor: Jane\n---\nBody text.", &title) ==
        "Body text.");
  CHECK(title == "Crusoe Expands");
  CHECK(Text("---\nnot closed\nBody", &title) == "not closed\nBody");  // "---" is a rule.
  CHECK(title == "");
}

TEST_CASE("MarkdownToText: offsets point at the kept bytes", "[markdown]") {
  std::string md = "## **Meta** [deal](u)";
  std::string title;
  MappedText out = MarkdownToText(IdentityMapped(md), &title);
  REQUIRE(out.text == "Meta deal");
  for (size_t i = 0; i < out.text.size(); ++i) CHECK(md[out.offsets[i]] == out.text[i]);
  CHECK(out.offsets.back() == md.size());
}

// Quadratic behaviour would take minutes here; linear takes well under a second.
TEST_CASE("MarkdownToText: pathological lines stay linear", "[markdown][adversarial]") {
  const size_t n = 100000;
  for (const std::string& piece : {std::string("["), std::string("`` `"), std::string("*_"),
                                    std::string("[a]("), std::string("<http://")}) {
    std::string md;
    for (size_t i = 0; i < n; ++i) md += piece;
    auto start = std::chrono::steady_clock::now();
    std::string title;
    MappedText out = MarkdownToText(IdentityMapped(md), &title);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(out.offsets.size() == out.text.size() + 1);
    CHECK(seconds < 10.0);
  }
}

}  // namespace
}  // namespace quarry
