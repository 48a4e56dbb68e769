// Tests of loading a whole rules folder: the shipped rules load cleanly, and a
// broken rule anywhere is reported with its file, line and column.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/rule_set.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

// Their examples run in the rules_check ctest test (`quarry rules check`).
TEST_CASE("the shipped rules load without errors", "[pipeline]") {
  DiagnosticSink sink;
  auto rules = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
  for (const auto& d : sink.diagnostics()) INFO(d.ToString());
  REQUIRE(rules != nullptr);
  CHECK_FALSE(sink.HasErrors());
  CHECK(rules->hash.size() == 64);
  CHECK_FALSE(rules->relations->examples().empty());
}

TEST_CASE("a broken pattern is reported with file, line and column", "[pipeline]") {
  fs::path dir = fs::temp_directory_path() / ("quarry_rule_set_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(QUARRY_SOURCE_DIR "/rules", dir);
  // Append a rule with an unbalanced parenthesis as the last line.
  std::string content = ReadFile(dir / "boilerplate.rules");
  int last_line = 1;
  for (char c : content) last_line += c == '\n';
  if (!content.empty() && content.back() != '\n') {
    content += '\n';
    ++last_line;
  }
  std::ofstream(dir / "boilerplate.rules") << content << "drop   broken (pattern\n";

  DiagnosticSink sink;
  auto rules = LoadRuleSet(dir.string(), &sink);
  CHECK(rules == nullptr);
  REQUIRE_FALSE(sink.diagnostics().empty());
  std::string first = sink.diagnostics()[0].ToString();
  CHECK(first.rfind((dir / "boilerplate.rules").string() + ":" + std::to_string(last_line) + ":8: error: ", 0) == 0);
  CHECK(first.find("missing )") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a missing rules folder is an error naming it", "[pipeline]") {
  DiagnosticSink sink;
  CHECK(LoadRuleSet("/nonexistent/quarry-rules", &sink) == nullptr);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].ToString().rfind("/nonexistent/quarry-rules: error: cannot read rules folder", 0) == 0);
}

}  // namespace quarry
