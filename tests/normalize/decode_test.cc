// Tests DetectEncoding, DecodeToUtf8 and ScanUtf8 (src/normalize/decode.cc).
#include "normalize/decode.h"

#include <catch2/catch.hpp>

#include <string>

namespace quarry {
namespace {

using namespace std::string_literals;

std::string Decode(const std::string& raw, const std::string& encoding, size_t bom,
                   uint32_t* invalid, MappedText* mapped = nullptr) {
  MappedText m;
  std::string error;
  *invalid = 0;
  REQUIRE(DecodeToUtf8(raw, bom, encoding, &m, invalid, &error));
  CHECK(error.empty());
  REQUIRE(m.offsets.size() == m.text.size() + 1);
  CHECK(m.offsets.back() == raw.size());
  if (mapped) *mapped = m;
  return m.text;
}

TEST_CASE("DetectEncoding: BOM, meta, valid UTF-8, detector, default", "[decode]") {
  struct Case {
    std::string raw;
    bool markup;
    const char* name;
    const char* source;
    size_t bom;
  };
  const Case cases[] = {
      {"\xEF\xBB\xBFMeta signs"s, false, "UTF-8", "bom", 3},
      {"\xFF\xFEM\0e\0"s, false, "UTF-16LE", "bom", 2},
      {"\xFE\xFF\0M\0e"s, false, "UTF-16BE", "bom", 2},
      {"\xFF\xFE\0\0M\0\0\0"s, false, "UTF-32LE", "bom", 4},
      {"\0\0\xFE\xFF\0\0\0M"s, false, "UTF-32BE", "bom", 4},
      {"M\0e\0t\0a\0 \0s\0i\0g\0n\0s\0"s, false, "UTF-16LE", "utf16-pattern", 0},
      {"\0M\0e\0t\0a\0 \0s\0i\0g\0n\0s"s, false, "UTF-16BE", "utf16-pattern", 0},
      {"Plain ASCII text.", false, "UTF-8", "utf8-valid", 0},
      {"Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", false, "UTF-8", "utf8-valid", 0},
      {"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xE9</body></html>", true,
       "windows-1252", "meta", 0},
      {"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
       true, "Shift_JIS", "meta", 0},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>caf\xE9</html>", true,
       "windows-1252", "meta", 0},
      // A UTF-16 label in a page readable as ASCII is a mistake: UTF-8.
      {"<meta charset=utf-16><p>Hello</p>", true, "UTF-8", "meta", 0},
      // A page re-saved as UTF-8 that kept its old declaration.
      {"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xC3\xA9</body></html>", true,
       "UTF-8", "utf8-valid", 0},
      // An unknown label is ignored.
      {"<meta charset=\"x-no-such-charset\"><p>Hello</p>", true, "UTF-8", "utf8-valid", 0},
      // Outside a page, a <meta> in the text is no declaration.
      {"The tag <meta charset=\"iso-8859-1\"> is old.", false, "UTF-8", "utf8-valid", 0},
      {"Caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xFF end", false, "UTF-8", "utf8-mostly", 0},
      {"The company\x92s chief said the \x93new\x94 campus will open next year, people "
       "familiar with the matter said on Tuesday \x96 adding more capacity.",
       false, "windows-1252", "detector", 0},
      {"\xE9", false, "windows-1252", "default", 0},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    EncodingGuess g = DetectEncoding(c.raw, c.markup);
    CHECK_FALSE(g.binary);
    CHECK(g.info.name == c.name);
    CHECK(g.info.source == c.source);
    CHECK(g.bom_size == c.bom);
    if (g.info.source == "detector") {
      CHECK(g.info.confidence >= kMinDetectorConfidence);
      CHECK(g.info.confidence <= 100);
    }
    if (g.info.source == "bom" || g.info.source == "meta" || g.info.source == "utf8-valid")
      CHECK(g.info.confidence == 100);
  }
}

TEST_CASE("DetectEncoding: the detector decides on the lines with non-ASCII bytes", "[decode]") {
  // Plain ASCII lines around the legacy ones (more than the detector's
  // sample) change nothing: the lines holding \x92 and \x93 decide.
  std::string ascii_line = "Capacity at the campus will reach one gigawatt by next year.\n";
  std::string legacy_line =
      "The company\x92s chief said the \x93new\x94 campus will open next year, people "
      "familiar with the matter said on Tuesday \x96 adding more capacity.\n";
  std::string raw;
  for (int i = 0; i < 100; ++i) raw += ascii_line;
  for (int i = 0; i < 40; ++i) raw += legacy_line;
  REQUIRE(raw.size() > kDetectorSampleBytes);
  EncodingGuess g = DetectEncoding(raw, false);
  CHECK(g.info.name == "windows-1252");
  CHECK(g.info.source == "detector");
  CHECK(g.info.confidence >= kMinDetectorConfidence);
  // The same bytes decide it whatever their position in the first kDetectorBytes.
  EncodingGuess late = DetectEncoding(std::string(2000, 'a') + "\n" + legacy_line, false);
  CHECK(late.info.name == "windows-1252");
  CHECK(late.info.source == "detector");
}

TEST_CASE("DetectEncoding: NUL bytes without a UTF-16/32 explanation are binary", "[decode]") {
  for (const std::string& raw :
       {"\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"s, "abc\0def"s, "\0\0\0\0\0\0\0\0\0\0"s}) {
    EncodingGuess g = DetectEncoding(raw, false);
    CHECK(g.binary);
  }
}

TEST_CASE("DecodeToUtf8: invalid input becomes U+FFFD and is counted", "[decode]") {
  struct Case {
    std::string raw;
    const char* encoding;
    size_t bom;
    std::string text;
    uint32_t invalid;
  };
  const Case cases[] = {
      {"a\xFF" "b", "UTF-8", 0, "a\uFFFDb", 1},
      // Overlong '/', an encoded surrogate, a truncated sequence at the end.
      {"a\xC0\xAF" "b", "UTF-8", 0, "a\uFFFD\uFFFDb", 2},
      {"a\xED\xA0\x80" "b", "UTF-8", 0, "a\uFFFD\uFFFD\uFFFDb", 3},
      {"abc\xE2\x80", "UTF-8", 0, "abc\uFFFD", 2},
      {"\xEF\xBB\xBFok", "UTF-8", 3, "ok", 0},
      // Lone surrogates in UTF-16: a high one before 'x', a low one alone.
      {"\xFF\xFEH\0\x00\xD8x\0"s, "UTF-16LE", 2, "H\uFFFDx", 2},
      {"\xFF\xFEH\0\x00\xDC"s, "UTF-16LE", 2, "H\uFFFD", 2},
      {"\xFE\xFF\xD8\x3D\xDE\x00"s, "UTF-16BE", 2, "\U0001F600", 0},
      // An odd trailing byte in UTF-16.
      {"\xFF\xFEH\0i"s, "UTF-16LE", 2, "H\uFFFD", 1},
      {"\x93quoted\x94 \x80", "windows-1252", 0, "\u201Cquoted\u201D \u20AC", 0},
      {"caf\xE9", "ISO-8859-1", 0, "caf\u00E9", 0},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    uint32_t invalid = 0;
    CHECK(Decode(c.raw, c.encoding, c.bom, &invalid) == c.text);
    CHECK(invalid == c.invalid);
  }
}

TEST_CASE("DecodeToUtf8: each UTF-8 byte maps to the raw start of its character", "[decode]") {
  struct Case {
    std::string raw;
    const char* encoding;
    size_t bom;
    std::vector<uint32_t> offsets;  // text.size() + 1 entries.
  };
  const Case cases[] = {
      {"a\xFF" "b", "UTF-8", 0, {0, 1, 1, 1, 2, 3}},
      {"\xEF\xBB\xBFHi", "UTF-8", 3, {3, 4, 5}},
      // 'H', then U+2019 (3 UTF-8 bytes from 2 raw bytes), then 'i'.
      {"\xFF\xFEH\0\x19\x20i\0"s, "UTF-16LE", 2, {2, 4, 4, 4, 6, 8}},
      // A supplementary character: 4 UTF-8 bytes from one surrogate pair.
      {"\xFE\xFF\xD8\x3D\xDE\x00\0!"s, "UTF-16BE", 2, {2, 2, 2, 2, 6, 8}},
      {"\x92s", "windows-1252", 0, {0, 0, 0, 1, 2}},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    uint32_t invalid = 0;
    MappedText m;
    Decode(c.raw, c.encoding, c.bom, &invalid, &m);
    CHECK(m.offsets == c.offsets);
  }
}

TEST_CASE("DecodeToUtf8: large input crosses ICU's output chunks intact", "[decode]") {
  // 100,000 copies of U+1F600 in UTF-16LE: surrogate pairs straddle the
  // converter's 32K-unit chunks.
  std::string raw = "\xFF\xFE";
  for (int i = 0; i < 100000; ++i) raw += "\x3D\xD8\x00\xDE"s;
  uint32_t invalid = 0;
  MappedText m;
  std::string text = Decode(raw, "UTF-16LE", 2, &invalid, &m);
  CHECK(invalid == 0);
  REQUIRE(text.size() == 400000);
  size_t bad = 0;
  for (size_t i = 0; i < text.size(); i += 4) {
    if (text.compare(i, 4, "\U0001F600") != 0) ++bad;
    if (m.offsets[i] != 2 + i) ++bad;  // Each character: 4 raw bytes, 4 UTF-8 bytes.
  }
  CHECK(bad == 0);
}

TEST_CASE("DecodeToUtf8: an unknown converter is an error, not a crash", "[decode]") {
  MappedText m;
  uint32_t invalid = 0;
  std::string error;
  CHECK_FALSE(DecodeToUtf8("abc", 0, "x-no-such-charset", &m, &invalid, &error));
  CHECK(error == "cannot open converter for x-no-such-charset: U_FILE_ACCESS_ERROR");
}

TEST_CASE("ScanUtf8 counts good multi-byte sequences and maximal bad subparts", "[decode]") {
  struct Case {
    std::string bytes;
    size_t multibyte, invalid;
  };
  const Case cases[] = {
      {"", 0, 0},
      {"plain ascii, long enough to take the eight-byte path", 0, 0},
      {"\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80", 3, 0},
      {"\xC0\xAF", 0, 2},          // Overlong: C0 can never start a character.
      {"\xE0\x80\x80", 0, 3},      // Overlong three-byte form.
      {"\xED\xA0\x80", 0, 3},      // A surrogate.
      {"\xF4\x90\x80\x80", 0, 4},  // Above U+10FFFF.
      {"\xE2\x80", 0, 1},          // Truncated: one maximal subpart.
      {"\xE2\x80x", 0, 1},
      {"\x80", 0, 1},
  };
  for (const Case& c : cases) {
    INFO(c.bytes);
    Utf8Scan scan = ScanUtf8(c.bytes);
    CHECK(scan.multibyte == c.multibyte);
    CHECK(scan.invalid == c.invalid);
  }
}

}  // namespace
}  // namespace quarry
