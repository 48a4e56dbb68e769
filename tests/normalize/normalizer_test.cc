// Tests the Normalizer (src/normalize/normalizer.cc) end to end, with the
// shipped rules and the fixtures of tests/data/normalize/ (written by
// tests/data/normalize/make_fixtures.py).
#include "normalize/normalizer.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normalize/decode.h"
#include "normalize/headline.h"

namespace quarry {
namespace {

using namespace std::string_literals;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string Fixture(const std::string& name) {
  return ReadFile(QUARRY_TEST_DATA "/normalize/" + name);
}

const Normalizer& Shipped() {
  static std::unique_ptr<Normalizer> normalizer = [] {
    DiagnosticSink sink;
    RuleFiles rules = RuleFiles::ReadDirectory(QUARRY_SOURCE_DIR "/rules", &sink);
    auto n = Normalizer::Create(rules, &sink);
    for (const Diagnostic& d : sink.diagnostics()) INFO(d.ToString());
    REQUIRE(n);
    return n;
  }();
  return *normalizer;
}

Document Normalize(const std::string& path, const std::string& raw) {
  Document doc;
  doc.path = path;
  doc.raw = raw;
  std::string error;
  bool ok = Shipped().Run(&doc, &error);
  INFO(path << ": " << error);
  REQUIRE(ok);
  REQUIRE(doc.raw_offsets.size() == doc.text.size() + 1);
  // The map never goes backwards and never leaves the file.
  size_t backwards = 0;
  for (size_t i = 1; i < doc.raw_offsets.size(); ++i)
    backwards += doc.raw_offsets[i - 1] > doc.raw_offsets[i];
  REQUIRE(backwards == 0);
  REQUIRE(doc.raw_offsets.back() <= doc.raw.size());
  return doc;
}

// The raw bytes of `word`'s first occurrence in doc.text, decoded again.
std::string RawWord(const Document& doc, const std::string& word) {
  size_t at = doc.text.find(word);
  REQUIRE(at != std::string::npos);
  Span raw = doc.RawSpan({static_cast<uint32_t>(at), static_cast<uint32_t>(at + word.size())});
  MappedText m;
  uint32_t invalid = 0;
  std::string error;
  REQUIRE(DecodeToUtf8(std::string_view(doc.raw).substr(raw.begin, raw.end - raw.begin), 0,
                       doc.encoding.name, &m, &invalid, &error));
  return m.text;
}

const char kArticle[] =
    "Crusoe Expands Its Texas Campus\n"
    "Crusoe's new campus will supply \"about 1.6 gigawatts\" to Meta - the companies said on "
    "Tuesday.\n"
    "The first building is expected to open next year, according to people familiar with the "
    "plan.";

TEST_CASE("normalizer: every encoding gives the same text, mapped back to raw", "[normalizer]") {
  struct Case {
    const char* file;
    const char* encoding;
    const char* source;
  };
  const Case cases[] = {
      {"article_utf8.txt", "UTF-8", "utf8-valid"},
      {"article_utf8_bom.txt", "UTF-8", "bom"},
      {"article_cp1252.txt", "windows-1252", "detector"},
      {"article_utf16le_bom.txt", "UTF-16LE", "bom"},
      {"article_utf16be_bom.txt", "UTF-16BE", "bom"},
      {"article_utf32le_bom.txt", "UTF-32LE", "bom"},
      {"article_utf16le_nobom.txt", "UTF-16LE", "utf16-pattern"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    Document doc = Normalize(c.file, Fixture(c.file));
    CHECK(doc.text == kArticle);
    CHECK(doc.encoding.name == c.encoding);
    CHECK(doc.encoding.source == c.source);
    CHECK(doc.encoding.invalid_bytes == 0);
    CHECK(doc.title == "Crusoe Expands Its Texas Campus");
    for (const char* word : {"Crusoe", "gigawatts", "Tuesday", "plan"}) {
      INFO(word);
      CHECK(RawWord(doc, word) == word);
    }
    // The unified apostrophe and quotes map to the raw curly ones.
    CHECK(RawWord(doc, "'") == "\u2019");
    CHECK(RawWord(doc, "\"about") == "\u201Cabout");
  }
}

TEST_CASE("normalizer: ASCII words map to the same raw bytes", "[normalizer]") {
  // For the single-byte and UTF-8 files the raw bytes themselves spell the word.
  for (const char* file : {"article_utf8.txt", "article_utf8_bom.txt", "article_cp1252.txt"}) {
    Document doc = Normalize(file, Fixture(file));
    size_t at = doc.text.find("gigawatts");
    REQUIRE(at != std::string::npos);
    for (size_t i = 0; i < 9; ++i) CHECK(doc.raw[doc.raw_offsets[at + i]] == doc.text[at + i]);
  }
  // In UTF-16LE each ASCII character's low byte is at its mapped offset.
  Document doc = Normalize("a.txt", Fixture("article_utf16le_bom.txt"));
  size_t at = doc.text.find("gigawatts");
  for (size_t i = 0; i < 9; ++i) {
    CHECK(doc.raw[doc.raw_offsets[at + i]] == doc.text[at + i]);
    CHECK(doc.raw[doc.raw_offsets[at + i] + 1] == '\0');
  }
}

TEST_CASE("normalizer: an HTML page in windows-1252", "[normalizer]") {
  Document doc = Normalize("page_cp1252.html", Fixture("page_cp1252.html"));
  CHECK(doc.encoding.name == "windows-1252");
  CHECK(doc.encoding.source == "meta");
  CHECK(doc.title == "Crusoe Expands Its Texas Campus & Signs Meta");
  CHECK(doc.text ==
        "Crusoe Expands Its Texas Campus\n"
        "Crusoe's new campus will supply \"about 1.6 gigawatts\" to Meta - the companies said.\n"
        "The first building is expected to open next year.\n"
        "- Site: Abilene, Texas\n"
        "- Tenant: Meta");
  CHECK(RawWord(doc, "'") == "\u2019");
  CHECK(RawWord(doc, "gigawatts") == "gigawatts");
  // &ldquo; maps to its '&'.
  size_t quote = doc.text.find('"');
  CHECK(doc.raw.compare(doc.raw_offsets[quote], 7, "&ldquo;") == 0);
}

TEST_CASE("normalizer: Markdown", "[normalizer]") {
  Document doc = Normalize("notes.md", Fixture("notes.md"));
  CHECK(doc.title == "Crusoe Expands Its Texas Campus");
  CHECK(doc.text ==
        "Crusoe Expands Its Texas Campus\n\n"
        "Crusoe's new campus will supply about 1.6 gigawatts to Meta - the companies said.\n\n"
        "- The first building opens next year.\n"
        "- See the filing and code_name notes.");
  // A span ends where the next kept byte starts, so the link syntax after
  // "Meta" belongs to its raw span.
  size_t at = doc.text.find("Meta");
  Span raw = doc.RawSpan({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 4)});
  CHECK(doc.raw.substr(raw.begin, raw.end - raw.begin) == "Meta](https://about.meta.com)");
}

TEST_CASE("normalizer: broken bytes are replaced and counted", "[normalizer]") {
  Document doc = Normalize("broken_utf8.txt", Fixture("broken_utf8.txt"));
  CHECK(doc.encoding.name == "UTF-8");
  CHECK(doc.encoding.source == "utf8-mostly");
  CHECK(doc.encoding.invalid_bytes == 3);
  CHECK(doc.text ==
        "Caf\u00E9 na\u00EFve r\u00E9sum\u00E9 - Crusoe's campus: \uFFFD ok \uFFFD\uFFFD end.");

  // Declared UTF-8 with bad bytes: still UTF-8, bytes counted.
  doc = Normalize("a.html", "<meta charset=utf-8><p>Meta \xFF\xFE deal</p>");
  CHECK(doc.encoding.source == "meta");
  CHECK(doc.encoding.invalid_bytes == 2);
  CHECK(doc.text == "Meta \uFFFD\uFFFD deal");
}

TEST_CASE("normalizer: input that is not text is refused with a reason", "[normalizer]") {
  struct Case {
    std::string raw;
    const char* error;
  };
  const Case cases[] = {
      {Fixture("binary.bin"), "binary file (NUL bytes)"},
      {"text\0more"s, "binary file (NUL bytes)"},
      {"", "empty file"},
      {" \n\t\r\n ", "no text content after normalization"},
      {"<html><script>only()</script></html>", "no text content after normalization"},
      {"Skip to content\nShare\n", "no text content after normalization"},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    Document doc;
    doc.path = "x.txt";
    doc.raw = c.raw;
    std::string error;
    CHECK_FALSE(Shipped().Run(&doc, &error));
    CHECK(error == c.error);
  }
}

TEST_CASE("normalizer: boilerplate and Related Articles", "[normalizer]") {
  std::string raw =
      "Skip to content\n"
      "Jane Example\n"
      "Go back\n"
      "\n"
      "Meta Buys More Compute From Crusoe\n"
      "\n"
      "Meta has agreed to buy about 1.6 gigawatts of computing capacity from Crusoe, the two "
      "companies said.\r\n"
      "The capacity comes from campuses in Texas and Missouri that Crusoe is building now.\r\n"
      "Disclaimer: The above content is generated by AI and is for reference only.\r\n"
      "Related Articles\r\n"
      "\r\n"
      "Student dormitory operator raises its IPO target to $31 million.\r\n"
      "RECOMMEND\r\n";
  Document doc = Normalize("a.txt", raw);
  CHECK(doc.title == "Meta Buys More Compute From Crusoe");
  CHECK(doc.text ==
        "Meta Buys More Compute From Crusoe\n\n"
        "Meta has agreed to buy about 1.6 gigawatts of computing capacity from Crusoe, the two "
        "companies said.\n"
        "The capacity comes from campuses in Texas and Missouri that Crusoe is building now.");
  CHECK(doc.text.find("$31 million") == std::string::npos);
  CHECK(doc.boilerplate_bytes > 150);
  CHECK(RawWord(doc, "Missouri") == "Missouri");
  CHECK(doc.raw_offsets.back() == raw.find("now.") + 4);
}

TEST_CASE("normalizer: rule file problems are reported by Create", "[normalizer]") {
  {
    DiagnosticSink sink;
    RuleFiles rules;
    CHECK(Normalizer::Create(rules, &sink) == nullptr);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].ToString() == "boilerplate.rules: error: missing rule file");
  }
  {
    DiagnosticSink sink;
    RuleFiles rules;
    rules.Add("boilerplate.rules", "# header\ndrop ok\ndrop   (unclosed\n");
    CHECK(Normalizer::Create(rules, &sink) == nullptr);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].ToString() ==
          "boilerplate.rules:3:8: error: invalid pattern: missing ): (unclosed");
  }
}

TEST_CASE("HeadlineOf and CleanPageTitle", "[normalizer]") {
  struct Case {
    const char* text;
    const char* headline;
  };
  const Case cases[] = {
      {"Meta Signs AI Computing Power Agreement with Crusoe\nBody.", "Meta Signs AI Computing "
                                                                    "Power Agreement with Crusoe"},
      {"\n\nIs Compute the New Oil?\nBody.", "Is Compute the New Oil?"},
      {"Meta signs contract with Crusoe to buy 1.6GW of power.\nBody.", ""},
      {"For years, the assumption was simple:\nBody.", ""},
      {"Analysis\nBody.", ""},
      {"- Meta secures compute from Crusoe\nBody.", ""},
      {"| a | b | c |\nBody.", ""},
      {"1 2 3 4\nBody.", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(HeadlineOf(c.text) == c.headline);
  }
  CHECK(CleanPageTitle("Meta signs Crusoe deal | Example News") == "Meta signs Crusoe deal");
  CHECK(CleanPageTitle("Meta signs a Crusoe deal - Example News") == "Meta signs a Crusoe deal");
  CHECK(CleanPageTitle("Crusoe - Meta deal") == "Crusoe - Meta deal");
  CHECK(CleanPageTitle("A | B is a long tail of words here") == "A | B is a long tail of words here");
}

TEST_CASE("normalizer: Run is thread-safe", "[normalizer][threads]") {
  std::vector<std::string> files = {"article_utf8.txt", "article_cp1252.txt",
                                    "article_utf16le_bom.txt", "page_cp1252.html", "notes.md"};
  std::vector<Document> expected;
  for (const std::string& f : files) expected.push_back(Normalize(f, Fixture(f)));
  std::vector<std::string> raws;
  for (const std::string& f : files) raws.push_back(Fixture(f));

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        size_t i = static_cast<size_t>(t + round) % files.size();
        Document doc;
        doc.path = files[i];
        doc.raw = raws[i];
        std::string error;
        if (!Shipped().Run(&doc, &error) || doc.text != expected[i].text ||
            doc.raw_offsets != expected[i].raw_offsets || doc.title != expected[i].title)
          ++mismatches[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) CHECK(m == 0);
}

TEST_CASE("normalizer: adversarial input finishes quickly", "[normalizer][adversarial]") {
  // Sizes that finish in a second or two when linear (in a Debug build); a
  // quadratic step would need hours. (A 50 MB single-line file normalized in
  // about 2 s in a Release build when this was written.)
  std::string huge_line;
  for (int i = 0; i < (4 << 20) / 8; ++i) huge_line += "compute ";
  std::string digits(1000000, '9');
  std::string surrogates = "\xFF\xFE";
  for (int i = 0; i < 100000; ++i) surrogates += "\x00\xD8x\x00\x00\xDC"s;  // Lone halves.
  std::string overlong;
  for (int i = 0; i < 100000; ++i) overlong += "a\xC0\xAF\xE0\x80\xAF\xF8\x88\x80\x80\x80";
  std::string unbalanced = "<html><body>";
  for (int i = 0; i < 100000; ++i) unbalanced += "<div><p>text <b><nav><td></span>";
  struct Case {
    const char* name;
    const std::string* raw;
    const char* path;
  };
  const Case cases[] = {{"4 MB line", &huge_line, "a.txt"},
                        {"a million digits", &digits, "a.txt"},
                        {"lone surrogates", &surrogates, "a.txt"},
                        {"overlong UTF-8", &overlong, "a.txt"},
                        {"unbalanced HTML", &unbalanced, "a.html"}};
  for (const Case& c : cases) {
    INFO(c.name);
    auto start = std::chrono::steady_clock::now();
    Document doc = Normalize(c.path, *c.raw);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 20.0);
    CHECK_FALSE(doc.text.empty());
  }
  Document doc = Normalize("a.txt", surrogates);
  CHECK(doc.encoding.invalid_bytes == 400000);
  doc = Normalize("a.txt", overlong);
  CHECK(doc.encoding.name == "windows-1252");  // Nothing valid: not UTF-8 at all.
}

}  // namespace
}  // namespace quarry

namespace quarry {
namespace {

// Random documents built from pieces that stress each step: markup, entities,
// Markdown syntax, encodings' special bytes, broken UTF-8, blanks.
TEST_CASE("normalizer: random documents never break the invariants", "[normalizer][fuzz]") {
  const std::vector<std::string> pieces = {
      "<p>",  "</p>",   "<div class=\"share\">", "</div>", "<nav>", "</nav>", "<script>",
      "</script>", "<!--", "-->", "<title>", "</title>", "<a href='", "'>", "&amp;", "&#x2019;",
      "&#99999999;", "&nbsp", "&", "<", ">", "\"", "'", "**", "_", "`", "[", "](", ")", "# ",
      "- ", "| ", "\n", "\r\n", "\r", " ", "\t", "\xC2\xA0", "\xE2\x80\x94", "\xE2\x80\x99",
      "\xEF\xAC\x81", "e\xCC\x81", "\xC3", "\xFF", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\x92",
      "\x01", "Related Articles", "Skip to content", "Meta", "signs", "1.6", "GW.", "Inc.",
      "U.S.", "\xE2\x80\xA6", "\xC2\xBD", "\xEF\xBB\xBF"};
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const char* paths[] = {"a.txt", "a.html", "a.md"};
  int checked = 0;
  for (int round = 0; round < 600; ++round) {
    std::string raw;
    size_t length = next() % 200;
    for (size_t i = 0; i < length; ++i) raw += pieces[next() % pieces.size()];
    if (round % 7 == 0) raw = "\xFF\xFE" + raw;  // Read as UTF-16LE: odd lengths, surrogates.
    Document doc;
    doc.path = paths[round % 3];
    doc.raw = raw;
    std::string error;
    if (!Shipped().Run(&doc, &error)) {
      INFO(error);
      CHECK_FALSE(error.empty());
      continue;
    }
    ++checked;
    INFO(doc.path << " " << raw);
    REQUIRE(doc.raw_offsets.size() == doc.text.size() + 1);
    size_t backwards = 0;
    for (size_t i = 1; i < doc.raw_offsets.size(); ++i)
      backwards += doc.raw_offsets[i - 1] > doc.raw_offsets[i];
    CHECK(backwards == 0);
    CHECK(doc.raw_offsets.back() <= raw.size());
    CHECK(ScanUtf8(doc.text).valid());
    CHECK(doc.text.find("\r") == std::string::npos);
    CHECK(doc.text.find("\n\n\n") == std::string::npos);
    CHECK(doc.text.find("  ") == std::string::npos);
    CHECK(doc.text.front() != '\n');
    CHECK(doc.text.back() != '\n');
  }
  CHECK(checked > 300);
}

}  // namespace
}  // namespace quarry
