// Exports RuleFiles (see rule_files.h).
#include "core/rule_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sha256.h"

namespace quarry {

RuleFiles RuleFiles::ReadDirectory(const std::string& dir, DiagnosticSink* sink) {
  namespace fs = std::filesystem;
  RuleFiles set;
  set.dir_ = dir;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    sink->Error(dir, 0, 0, "cannot read rules folder: " + ec.message());
    return set;
  }
  for (const auto& entry : it) {
    if (entry.path().extension() != ".rules") continue;
    if (!entry.is_regular_file(ec)) continue;
    std::string name = entry.path().filename().string();
    std::string path = dir + "/" + name;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) {
      sink->Error(path, 0, 0, "cannot read rule file");
      continue;
    }
    std::ostringstream content;
    content << in.rdbuf();
    set.files_[name] = RuleFile{path, content.str()};
  }
  return set;
}

void RuleFiles::Add(const std::string& name, std::string content) {
  files_[name] = RuleFile{name, std::move(content)};
}

const RuleFile* RuleFiles::Find(const std::string& name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

const RuleFile* RuleFiles::Require(const std::string& name, DiagnosticSink* sink) const {
  const RuleFile* file = Find(name);
  if (!file) sink->Error(dir_.empty() ? name : dir_ + "/" + name, 0, 0, "missing rule file");
  return file;
}

std::string RuleFiles::Hash() const {
  std::string all;
  for (const auto& [name, file] : files_) {
    all += name;
    all += '\0';
    all += std::to_string(file.content.size());
    all += '\0';
    all += file.content;
  }
  return Sha256Hex(all);
}

}  // namespace quarry
