// bilan serve in one process: a project on disk, the watcher, the rebuilder
// and the HTTP server on a free port, driven as an editor and a browser
// would. A fake renderer stands in for the real ones (tests/serve/ runs the
// real command on the shipped content).
#include <httplib.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <filesystem>
#include <thread>

#include "load/test_project.h"
#include "support/test_files.h"
#include "serve/live_reload.h"
#include "serve/rebuilder.h"
#include "serve/site_server.h"
#include "serve/watcher.h"

namespace bilan {
namespace {

namespace stdfs = std::filesystem;

Diagnostics render_pages(const Project& p, const Style&, const FileSystem& files, OutputSet* out) {
  std::string tmpl, err;
  if (!files.read("templates/page.html", &tmpl, &err)) return {{{"templates/page.html", 0, 0}, "cannot read: " + err}};
  std::string index;
  for (const Territory* r : p.regions()) {
    std::string body = "<h1>" + r->name + "</h1>";
    for (const auto& f : r->figures) body += "<p>" + f.measure + " " + f.field + " " + std::to_string(static_cast<int>(f.value)) + "</p>";
    std::string page = tmpl;
    page.replace(page.find("BODY"), 4, body);
    out->add("regions/" + r->id + "/index.html", page);
    index += r->id + "\n";
  }
  out->add("index.html", "<html><body>" + index + "</body></html>");
  out->add("style.css", "body{}");
  return {};
}

// Reads the event stream on a thread of its own.
class EventReader {
 public:
  explicit EventReader(int port) : client_("127.0.0.1", port) {
    thread_ = std::thread([this] {
      client_.Get(kEventsPath, [this](const char* data, size_t len) {
        std::lock_guard<std::mutex> lock(mu_);
        text_.append(data, len);
        cv_.notify_all();
        return true;
      });
    });
  }
  ~EventReader() {
    client_.stop();  // ends the stream from this side, even when a check failed mid-way
    thread_.join();
  }
  /// Waits until the stream holds `needle` after what earlier calls consumed.
  bool wait_for(const std::string& needle, std::string* event = nullptr) {
    std::unique_lock<std::mutex> lock(mu_);
    bool found = cv_.wait_for(lock, std::chrono::seconds(10), [&] { return text_.find(needle, seen_) != std::string::npos; });
    if (!found) return false;
    size_t at = text_.find(needle, seen_);
    size_t begin = text_.rfind("event: ", at);
    size_t end = text_.find("\n\n", at);
    if (event) *event = text_.substr(begin, end - begin);
    seen_ = end == std::string::npos ? text_.size() : end;
    return true;
  }

 private:
  httplib::Client client_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string text_;
  size_t seen_ = 0;
};

TEST_CASE("serve: a page, an edit, a broken file with its overlay, the fix") {
  TempDir dir{"serve"};
  stdfs::path src = dir.path;
  MemoryFileSystem mem = small_project();
  for (const char* top : {"content", "assets"})
    for (const auto& f : mem.list(top)) {
      std::string text, err;
      mem.read(f, &text, &err);
      write_file(src / f, text);
    }
  write_file(src / "templates/page.html", "<html><body>BODY</body></html>");

  DiskFileSystem disk(src.string());
  Watcher watcher;
  std::string err;
  REQUIRE(watcher.start(src.string(), {"content", "templates", "assets"}, &err));
  SiteServer server;
  REQUIRE(server.bind("127.0.0.1", 0, &err));
  server.start();
  Rebuilder rebuilder(disk, {{"pages", render_pages, nullptr}});
  auto publish = [&](SiteFiles f) { return server.publish(std::move(f)); };
  // One round of the serve loop: wait for the watcher, rebuild, publish or fail.
  auto next_round = [&]() {
    std::vector<std::string> changed = watcher.wait(5000);
    REQUIRE_FALSE(changed.empty());
    RebuildReport r = rebuilder.rebuild(changed, publish);
    if (!r.ok) server.fail(r.error);
    return r;
  };

  httplib::Client http("127.0.0.1", server.port());
  SECTION("before the first build, pages wait for it") {
    auto res = http.Get("/");
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(res->body.find("bilan-waiting") != std::string::npos);
    CHECK(res->body.find(kLiveScriptPath) != std::string::npos);
  }
  SECTION("the full loop") {
    RebuildReport first = rebuilder.rebuild({}, publish);
    REQUIRE(first.ok);
    CHECK(first.changed_files == 3);

    auto page = http.Get("/regions/bretagne/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body == "<html><body><h1>Bretagne</h1><p>cesp signes 92</p><p>cesp installes 4</p><p>msp ouvertes 78</p>"
                        "<script src=\"/__bilan/live.js?g=1\"></script></body></html>");
    auto script = http.Get(kLiveScriptPath);
    REQUIRE(script);
    CHECK(script->body == live_reload_script());
    auto css = http.Get("/style.css");
    REQUIRE(css);
    CHECK(css->body == "body{}");  // only HTML gets the script

    EventReader events(server.port());
    REQUIRE(events.wait_for("event: hello"));

    // An edit: the page's file is listed as changed and serves the new figure.
    stdfs::path region = src / "content/regions/bretagne/region.yaml";
    std::string good = read_file(region);
    std::string edited = good;
    edited.replace(edited.find("signes: 92"), 10, "signes: 93");
    write_file(region, edited);
    RebuildReport r = next_round();
    CHECK(r.ok);
    CHECK(r.model_reloaded);
    std::string ev;
    REQUIRE(events.wait_for("event: reload", &ev));
    CHECK(ev == "event: reload\ndata: {\"generation\":2,\"changed\":[\"regions/bretagne/index.html\"]}");
    page = http.Get("/regions/bretagne/");
    REQUIRE(page);
    CHECK(page->body.find("<p>cesp signes 93</p>") != std::string::npos);

    // A template edit re-renders without reloading the model.
    write_file(src / "templates/page.html", "<html><body><main>BODY</main></body></html>");
    r = next_round();
    CHECK(r.ok);
    CHECK_FALSE(r.model_reloaded);
    REQUIRE(events.wait_for("event: reload", &ev));
    CHECK(ev.find("\"regions/bretagne/index.html\"") != std::string::npos);

    // A broken file: the overlay event carries the terminal's message, and
    // the last good page is still served.
    std::string broken = edited;
    broken.replace(broken.find("order: 3"), 8, "order: trois");
    write_file(region, broken);
    r = next_round();
    CHECK_FALSE(r.ok);
    CHECK(r.error ==
          "bilan: error: content/regions/bretagne/region.yaml:5:8: expected a whole number for 'order', got 'trois'\n"
          "    order: trois\n"
          "           ^\n");
    REQUIRE(events.wait_for("event: build-error", &ev));
    CHECK(ev == "event: build-error\n"
                "data: bilan: error: content/regions/bretagne/region.yaml:5:8: expected a whole number for 'order', got 'trois'\n"
                "data:     order: trois\n"
                "data:            ^");
    page = http.Get("/regions/bretagne/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<main><h1>Bretagne</h1><p>cesp signes 93</p>") != std::string::npos);
    // A page opened now gets the error at once.
    {
      EventReader late(server.port());
      REQUIRE(late.wait_for("event: build-error"));
      // Fixing the file clears the overlay everywhere.
      write_file(region, good);
      r = next_round();
      CHECK(r.ok);
      REQUIRE(late.wait_for("event: build-ok"));
      REQUIRE(events.wait_for("event: reload", &ev));
      CHECK(ev.find("\"regions/bretagne/index.html\"") != std::string::npos);
      REQUIRE(events.wait_for("event: build-ok"));
      page = http.Get("/regions/bretagne/");
      REQUIRE(page);
      CHECK(page->body.find("<p>cesp signes 92</p>") != std::string::npos);
    }
  }
  SECTION("a port in use is an error, not a shared port") {
    SiteServer second;
    std::string why;
    CHECK_FALSE(second.bind("127.0.0.1", server.port(), &why));
    CHECK(why == "cannot listen on 127.0.0.1:" + std::to_string(server.port()) + " (in use? choose another with --port)");
  }
  SECTION("paths outside the output folder are refused, encoded or not") {
    REQUIRE(rebuilder.rebuild({}, publish).ok);
    write_file(dir.path / "secret.txt", "secret");
    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
                             "/regions/%2e%2e/%2e%2e/secret.txt", "/regions/..%2f..%2fsecret.txt"}) {
      httplib::Request req;
      auto res = http.Get(path);
      REQUIRE(res);
      INFO(path);
      CHECK(res->status == 400);
      CHECK(res->body.find("secret") == std::string::npos);
    }
    auto twice = http.Get("/%252e%252e/secret.txt");  // decoded once: a name, not a way up
    REQUIRE(twice);
    CHECK(twice->status == 404);
    auto missing = http.Get("/nowhere.html");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    auto folder = http.Get("/regions/bretagne");
    REQUIRE(folder);
    CHECK(folder->status == 301);
    CHECK(folder->get_header_value("Location") == "/regions/bretagne/");
  }
  server.stop();
}

}  // namespace
}  // namespace bilan
