// The text of every rule file of a rules folder, read once and handed to each
// stage's Create(); a stage picks the files it owns by name and reports a
// missing one through the DiagnosticSink.
#ifndef QUARRY_CORE_RULE_FILES_H_
#define QUARRY_CORE_RULE_FILES_H_

#include <map>
#include <string>

#include "core/diagnostic.h"

namespace quarry {

struct RuleFile {
  std::string path;     // As diagnostics should print it: "rules/units.rules".
  std::string content;
};

class RuleFiles {
 public:
  // Reads every regular file named *.rules directly inside `dir`. Paths in
  // diagnostics are `dir` + "/" + name. A folder that cannot be read is an error.
  static RuleFiles ReadDirectory(const std::string& dir, DiagnosticSink* sink);

  // For tests: builds the set from (name, content) pairs; paths equal names.
  void Add(const std::string& name, std::string content);

  // The file called `name` ("units.rules"), or nullptr.
  const RuleFile* Find(const std::string& name) const;
  // Like Find, but reports "<dir>/<name>: error: missing rule file" when absent.
  const RuleFile* Require(const std::string& name, DiagnosticSink* sink) const;

  const std::string& dir() const { return dir_; }
  const std::map<std::string, RuleFile>& files() const { return files_; }
  // Hex SHA-256 over names and contents, in name order: identifies a rule set.
  std::string Hash() const;

 private:
  std::string dir_;
  std::map<std::string, RuleFile> files_;
};

}  // namespace quarry

#endif  // QUARRY_CORE_RULE_FILES_H_
