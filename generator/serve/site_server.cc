#include "serve/site_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>

#include "serve/live_reload.h"

namespace bilan {

namespace {

// Event streams each hold a thread for as long as a page is open; leave
// plenty for pages, styles and scripts besides.
constexpr size_t kServerThreads = 32;
constexpr size_t kHistory = 64;

bool is_html(const std::string& file) {
  return file.size() >= 5 && file.compare(file.size() - 5, 5, ".html") == 0;
}

}  // namespace

struct SiteServer::Client {
  bool greeted = false;
  std::uint64_t generation = 0;  // last one told
  std::uint64_t error_seq = 0;   // last error state told
};

SiteServer::SiteServer() : http_(std::make_unique<httplib::Server>()) {
  http_->new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  http_->set_read_timeout(5, 0);
  http_->set_keep_alive_timeout(2);
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second bilan serve
  // share the port with the first (requests then go to either). SO_REUSEADDR
  // alone still allows a quick restart, and a taken port is an error.
  http_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  http_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (req.path == kLiveScriptPath) {
      res.set_content(live_reload_script(), "text/javascript; charset=utf-8");
      return;
    }
    if (req.path == kEventsPath) {
      auto client = std::make_shared<Client>();
      res.set_chunked_content_provider("text/event-stream", [this, client](size_t, httplib::DataSink& sink) {
        std::string event;
        if (!next_event(client.get(), &event)) {
          sink.done();
          return true;
        }
        return sink.write(event.data(), event.size());
      });
      return;
    }
    std::string file;
    if (!site_file_for(req.path, &file)) {
      res.status = 400;
      res.set_content("bad request path\n", "text/plain; charset=utf-8");
      return;
    }
    std::shared_ptr<const SiteFiles> files;
    std::uint64_t generation;
    {
      std::lock_guard<std::mutex> lock(mu_);
      files = files_;
      generation = generation_;
    }
    if (!files) {
      res.status = 503;
      res.set_content(inject_live_reload(waiting_page(), generation), "text/html; charset=utf-8");
      return;
    }
    auto it = files->find(file);
    if (it == files->end() && files->count(file + "/index.html")) {
      res.status = 301;
      res.set_header("Location", req.path + "/");
      return;
    }
    if (it == files->end()) {
      res.status = 404;
      auto page = files->find("404.html");
      if (page != files->end()) res.set_content(inject_live_reload(*page->second, generation), "text/html; charset=utf-8");
      else res.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    if (is_html(file)) res.set_content(inject_live_reload(*it->second, generation), content_type(file).c_str());
    else res.set_content(*it->second, content_type(file).c_str());
  });
}

SiteServer::~SiteServer() { stop(); }

bool SiteServer::bind(const std::string& host, int port, std::string* err) {
  if (port == 0) {
    port_ = http_->bind_to_any_port(host);
    if (port_ > 0) return true;
  } else if (http_->bind_to_port(host, port)) {
    port_ = port;
    return true;
  }
  *err = port == 0 ? "cannot listen on " + host : "cannot listen on " + host + ":" + std::to_string(port) +
                                                       " (in use? choose another with --port)";
  return false;
}

void SiteServer::start() {
  thread_ = std::thread([this] {
    http_->listen_after_bind();
    listen_ended_ = true;
  });
  // httplib's stop() does nothing to a server not running yet: wait, so that
  // a stop() right after start() is not lost (the thread would never end).
  while (!http_->is_running() && !listen_ended_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void SiteServer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  http_->stop();
  if (thread_.joinable()) thread_.join();
}

std::vector<std::string> SiteServer::publish(SiteFiles files) {
  std::vector<std::string> changed;
  {
    std::lock_guard<std::mutex> lock(mu_);
    static const SiteFiles none;
    const SiteFiles& old = files_ ? *files_ : none;
    for (const auto& [path, bytes] : files) {
      auto it = old.find(path);
      if (it == old.end() || (it->second != bytes && *it->second != *bytes)) changed.push_back(path);
    }
    for (const auto& [path, bytes] : old)
      if (!files.count(path)) changed.push_back(path);
    std::sort(changed.begin(), changed.end());
    // A build that changed nothing keeps the generation: open pages are up
    // to date. The first publish always counts (it replaces the waiting page).
    if (!changed.empty() || !files_) {
      files_ = std::make_shared<const SiteFiles>(std::move(files));
      ++generation_;
      history_.emplace_back(generation_, changed);
      if (history_.size() > kHistory) history_.pop_front();
    }
    if (!error_.empty()) {
      error_.clear();
      ++error_seq_;
    }
  }
  cv_.notify_all();
  return changed;
}

void SiteServer::fail(const std::string& message) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    error_ = message;
    ++error_seq_;
  }
  cv_.notify_all();
}

std::uint64_t SiteServer::generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

bool SiteServer::next_event(Client* c, std::string* event) {
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return false;
  if (!c->greeted) {
    c->greeted = true;
    c->generation = generation_;
    c->error_seq = error_seq_;
    *event = sse_event("hello", "{\"generation\":" + std::to_string(generation_) +
                                    ",\"built\":" + (files_ ? "true" : "false") + "}");
    if (!error_.empty()) *event += sse_event("build-error", error_);
    return true;
  }
  bool woke = cv_.wait_for(lock, std::chrono::seconds(15), [&] {
    return stopping_ || generation_ != c->generation || error_seq_ != c->error_seq;
  });
  if (stopping_) return false;
  if (!woke) {
    *event = ": keep-alive\n\n";  // also finds out when the page has gone
    return true;
  }
  event->clear();
  if (generation_ != c->generation) {
    // Everything that changed since the generation this page last heard of.
    std::vector<std::string> changed;
    bool all = history_.empty() || history_.front().first > c->generation + 1;
    for (const auto& [g, paths] : history_)
      if (g > c->generation) changed.insert(changed.end(), paths.begin(), paths.end());
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    if (all) changed.clear();  // too old to know: the page reloads whatever it is
    std::string data = reload_data(generation_, changed);
    if (all) data.insert(data.size() - 1, ",\"all\":true");
    *event += sse_event("reload", data);
    c->generation = generation_;
  }
  if (error_seq_ != c->error_seq) {
    *event += error_.empty() ? sse_event("build-ok", "{}") : sse_event("build-error", error_);
    c->error_seq = error_seq_;
  }
  return true;
}

}  // namespace bilan
