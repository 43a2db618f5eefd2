#pragma once
// CLI11's classes declared, not defined: a header that only passes them by reference includes this, so its
// includers do not each parse CLI11 (about 5 s of compile time per translation unit at -O2). The files that
// define or read options include <CLI/CLI.hpp> themselves.

namespace CLI {
class App;
class Option;
}  // namespace CLI
