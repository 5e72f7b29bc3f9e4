// Writes one of two known output sets with build/'s atomic writer, for the
// kill test (kill_test.sh): the test kills this program at random moments and
// checks that the folder always holds one of the two sets, complete.
//
//   bilan_write_helper OUT_DIR a|b FILES BYTES
//
// Set "a" has FILES files, set "b" half as many again, with other bytes and
// some paths of "a" missing, so that a mix of the two is always detectable.
// Each file is BYTES long. The bytes depend only on the arguments.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "build/build.h"

int main(int argc, char** argv) {
  if (argc != 5 || (std::string(argv[2]) != "a" && std::string(argv[2]) != "b")) {
    std::fprintf(stderr, "usage: bilan_write_helper OUT_DIR a|b FILES BYTES\n");
    return 2;
  }
  const std::string out = argv[1];
  const bool b = std::string(argv[2]) == "b";
  const long files = std::atol(argv[3]);
  const long bytes = std::atol(argv[4]);
  bilan::OutputSet set;
  const long count = b ? files + files / 2 : files;
  for (long i = 0; i < count; ++i) {
    if (b && i % 7 == 3) continue;  // paths of "a" that "b" no longer has
    std::string path = "part-" + std::to_string(i % 10) + "/file-" + std::to_string(i) + (b ? ".b" : ".a") + ".txt";
    if (i % 5 == 0) path = "page-" + std::to_string(i) + ".html";  // same path in both sets, other bytes
    std::string text;
    text.reserve(static_cast<size_t>(bytes));
    std::string line = std::string(b ? "new " : "old ") + path + " " + std::to_string(i) + "\n";
    while (static_cast<long>(text.size()) < bytes) text += line;
    text.resize(static_cast<size_t>(bytes));
    set.add(path, std::move(text));
  }
  std::string err;
  if (!bilan::write_outputs_atomically(set, out, &err)) {
    std::fprintf(stderr, "bilan_write_helper: %s\n", err.c_str());
    return 1;
  }
  return 0;
}
