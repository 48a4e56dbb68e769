// The one translation unit that holds Catch2's main(), shared by every
// stage's test executable so that it is compiled once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
