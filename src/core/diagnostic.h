// Diagnostics: what a stage reports about bad input (rule files, articles)
// instead of throwing. Every diagnostic names its file; rule diagnostics also
// carry a 1-based line and column.
#ifndef QUARRY_CORE_DIAGNOSTIC_H_
#define QUARRY_CORE_DIAGNOSTIC_H_

#include <string>
#include <vector>

namespace quarry {

enum class Severity { kError, kWarning };

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the diagnostic is about the whole file.
  int column = 0;  // 1-based, in bytes; 0 when unknown.
  Severity severity = Severity::kError;
  std::string message;

  // "file:line:col: error: message", "file:line: error: ...", "file: error: ..."
  std::string ToString() const;
};

// Collects diagnostics; stages append, callers decide what to print.
class DiagnosticSink {
 public:
  void Error(std::string file, int line, int column, std::string message);
  void Warning(std::string file, int line, int column, std::string message);
  void Add(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }

  bool HasErrors() const;
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace quarry

#endif  // QUARRY_CORE_DIAGNOSTIC_H_
