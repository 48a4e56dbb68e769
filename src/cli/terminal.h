// Terminal styling for the commands' text output: ANSI colours only when
// stdout is a terminal and NO_COLOR (https://no-color.org) is unset.
#ifndef QUARRY_CLI_TERMINAL_H_
#define QUARRY_CLI_TERMINAL_H_

#include <string>

namespace quarry {

class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  // Colour when stdout is a terminal and NO_COLOR is unset or empty.
  static Style ForStdout();

  std::string Bold(const std::string& s) const { return Wrap("1", s); }
  std::string Dim(const std::string& s) const { return Wrap("2", s); }
  std::string Red(const std::string& s) const { return Wrap("31", s); }
  std::string Green(const std::string& s) const { return Wrap("32", s); }
  std::string Yellow(const std::string& s) const { return Wrap("33", s); }
  std::string Cyan(const std::string& s) const { return Wrap("36", s); }

 private:
  std::string Wrap(const char* code, const std::string& s) const {
    if (!color_ || s.empty()) return s;
    return "\033[" + std::string(code) + "m" + s + "\033[0m";
  }
  bool color_;
};

}  // namespace quarry

#endif  // QUARRY_CLI_TERMINAL_H_
