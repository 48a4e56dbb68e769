// Exports Style::ForStdout.
#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace quarry {

Style Style::ForStdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return Style(isatty(STDOUT_FILENO) && !(no_color && *no_color));
}

}  // namespace quarry
