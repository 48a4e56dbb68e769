// Helpers shared by the ingest tests: the shipped rules, loaded once, and a
// scratch folder removed at the end of the test.
#ifndef QUARRY_TESTS_PIPELINE_INGEST_TEST_UTIL_H_
#define QUARRY_TESTS_PIPELINE_INGEST_TEST_UTIL_H_

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "pipeline/rule_set.h"

namespace quarry::testing {

inline const RuleSet& ShippedRules() {
  static std::unique_ptr<RuleSet> rules = [] {
    DiagnosticSink sink;
    auto r = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
    for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
    return r;
  }();
  REQUIRE(rules != nullptr);
  return *rules;
}

struct ScratchDir {
  std::filesystem::path path;
  explicit ScratchDir(const std::string& name) {
    path = std::filesystem::temp_directory_path() /
           ("quarry_test_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  void Write(const std::string& name, const std::string& content) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << content;
  }
};

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_PIPELINE_INGEST_TEST_UTIL_H_
