#include "serve/live_reload.h"

#include <catch2/catch.hpp>

namespace bilan {
namespace {

TEST_CASE("request paths name files of the output folder, and nothing else") {
  std::string f;
  CHECK(site_file_for("/", &f));
  CHECK(f == "index.html");
  CHECK(site_file_for("/regions/bretagne/", &f));
  CHECK(f == "regions/bretagne/index.html");
  CHECK(site_file_for("/assets/site.css", &f));
  CHECK(f == "assets/site.css");
  CHECK(site_file_for("/r/%2e%2e", &f));  // still encoded: a plain (absent) name
  CHECK(f == "r/%2e%2e");
  // Paths as cpp-httplib hands them over, %-decoded: "/%2e%2e/x" arrives as "/../x".
  for (const char* bad : {"/../etc/passwd", "/regions/../../etc/passwd", "/..", "/regions/..", "/./index.html",
                          "/a/./b", "//etc/passwd", "/a//b", "/a\\..\\b", "", "index.html"})
    CHECK_FALSE(site_file_for(bad, &f));
  CHECK_FALSE(site_file_for(std::string("/a\0b", 4), &f));
}

TEST_CASE("the live-reload script goes before the last </body>, or at the end") {
  CHECK(inject_live_reload("<html><body><p>x</p></body></html>", 3) ==
        "<html><body><p>x</p><script src=\"/__bilan/live.js?g=3\"></script></body></html>");
  CHECK(inject_live_reload("<BODY>a</BODY>\n", 1) == "<BODY>a<script src=\"/__bilan/live.js?g=1\"></script></BODY>\n");
  CHECK(inject_live_reload("<p>no body</p>", 0) == "<p>no body</p><script src=\"/__bilan/live.js?g=0\"></script>");
}

TEST_CASE("server-sent events put each line of the data on a data: line") {
  CHECK(sse_event("reload", "{}") == "event: reload\ndata: {}\n\n");
  CHECK(sse_event("build-error", "bilan: error: a.yaml:1:2: x\n    y\n    ^\n") ==
        "event: build-error\ndata: bilan: error: a.yaml:1:2: x\ndata:     y\ndata:     ^\n\n");
  CHECK(reload_data(4, {"index.html", "a \"b\".html"}) ==
        "{\"generation\":4,\"changed\":[\"index.html\",\"a \\\"b\\\".html\"]}");
}

TEST_CASE("content types by extension") {
  CHECK(content_type("index.html") == "text/html; charset=utf-8");
  CHECK(content_type("a/b.css") == "text/css; charset=utf-8");
  CHECK(content_type("x.pdf") == "application/pdf");
  CHECK(content_type("f.woff2") == "font/woff2");
  CHECK(content_type("noext") == "application/octet-stream");
}

TEST_CASE("the script reacts to the events the server sends") {
  const std::string& s = live_reload_script();
  for (const char* ev : {"\"hello\"", "\"reload\"", "\"build-error\"", "\"build-ok\""})
    CHECK(s.find(ev) != std::string::npos);
  CHECK(s.find(kEventsPath) != std::string::npos);
  CHECK(s.find("textContent") != std::string::npos);  // error text is never parsed as HTML
  CHECK(s.find("innerHTML") == std::string::npos);
}

}  // namespace
}  // namespace bilan
