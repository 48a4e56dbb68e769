// The quantity stage compiled from the repository's rules/ folder, for the
// tests of tests/quantities.
#ifndef QUARRY_TESTS_QUANTITIES_SHIPPED_RULES_H_
#define QUARRY_TESTS_QUANTITIES_SHIPPED_RULES_H_

#include <catch2/catch.hpp>

#include <memory>

#include "quantities/quantity_recognizer.h"

namespace quarry {

// Fails the calling test, with every diagnostic, if the rules do not load.
inline std::unique_ptr<QuantityRecognizer> ShippedRecognizer() {
  DiagnosticSink sink;
  RuleFiles files = RuleFiles::ReadDirectory(QUARRY_SOURCE_DIR "/rules", &sink);
  auto recognizer = QuantityRecognizer::Create(files, &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  REQUIRE(recognizer);
  return recognizer;
}

}  // namespace quarry

#endif  // QUARRY_TESTS_QUANTITIES_SHIPPED_RULES_H_
