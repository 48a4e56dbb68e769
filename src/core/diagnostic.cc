// Exports Diagnostic::ToString and DiagnosticSink.
#include "core/diagnostic.h"

#include <algorithm>

namespace quarry {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += severity == Severity::kError ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void DiagnosticSink::Error(std::string file, int line, int column, std::string message) {
  diagnostics_.push_back({std::move(file), line, column, Severity::kError, std::move(message)});
}

void DiagnosticSink::Warning(std::string file, int line, int column, std::string message) {
  diagnostics_.push_back({std::move(file), line, column, Severity::kWarning, std::move(message)});
}

bool DiagnosticSink::HasErrors() const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace quarry
