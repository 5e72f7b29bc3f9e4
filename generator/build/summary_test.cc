#include "build/summary.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

namespace bilan {
namespace {

TEST_CASE("the closing summary is a table of counts and one of stage times") {
  BuildSummary s;
  s.out_dir = "site";
  s.pages = 53, s.pdfs = 18, s.other = 51, s.written = 7, s.unchanged = 115, s.removed = 1;
  s.stages = {{"load", 9.6, false}, {"validate", 0.4, false}, {"html", 38.2, false}, {"pdf", 3.0, true},
              {"write", 1234.0, false}};
  s.total_ms = 1290;
  s.notes = {"pdf: inputs unchanged: 18 files kept"};
  s.written_paths = {"index.html"};
  s.removed_paths = {"old.html"};
  CHECK(format_summary(s, false) ==
        "              | files\n"
        "--------------+-------\n"
        "  pages       |    53\n"
        "  PDFs        |    18\n"
        "  other files |    51\n"
        "  written     |     7\n"
        "  unchanged   |   115\n"
        "  removed     |     1\n"
        "\n"
        "           |       time\n"
        "-----------+------------\n"
        "  load     |      10 ms\n"
        "  validate |       0 ms\n"
        "  html     |      38 ms\n"
        "  pdf      | up to date\n"
        "  write    |      1.2 s\n"
        "bilan: built site in 1.3 s\n");
  std::string verbose = format_summary(s, true);
  CHECK(verbose.find("bilan: pdf: inputs unchanged: 18 files kept\n"
                     "  written  index.html\n"
                     "  removed  old.html\n"
                     "bilan: built site in 1.3 s\n") != std::string::npos);
}

TEST_CASE("progress lines") {
  CHECK(progress_line(0, "load", 10) == "[----------]   0% load");
  CHECK(progress_line(0.5, "html", 10) == "[#####-----]  50% html");
  CHECK(progress_line(1.5, "write", 10) == "[##########] 100% write");
}

TEST_CASE("a disabled progress bar draws nothing") {
  std::ostringstream out;
  {
    ProgressBar bar(out, false, {"load", "html", "write"}, {});
    bar.stage("html");
    bar.files(1, 2);
    bar.finish();
  }
  CHECK(out.str().empty());
}

TEST_CASE("a progress bar draws only for builds longer than 300 ms, then erases itself") {
  std::ostringstream quick;
  {
    ProgressBar bar(quick, true, {"load", "write"}, {});
    bar.stage("write");
  }
  CHECK(quick.str().empty());
}

TEST_CASE("a long build shows the bar on the terminal and erases it at the end") {
  std::ostringstream out;
  {
    ProgressBar bar(out, true, {"load", "html", "write"}, {{"load", 10, false}, {"html", 400, false}, {"write", 90, false}});
    bar.stage("html");
    std::this_thread::sleep_for(std::chrono::milliseconds(450));
    bar.finish();
  }
  std::string s = out.str();
  CHECK(s.rfind("\r[", 0) == 0);
  CHECK(s.find("% html\x1b[K") != std::string::npos);
  CHECK(s.size() >= 4);
  CHECK(s.substr(s.size() - 4) == "\r\x1b[K");
}

}  // namespace
}  // namespace bilan
