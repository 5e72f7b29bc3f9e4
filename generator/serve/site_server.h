// The HTTP side of `bilan serve`: the files of the last good build, from
// memory, and an event stream telling open pages when to reload or show an
// error. Only the paths of the output set can be served: there is no file
// system behind it to escape to, and paths with "." or ".." segments are
// refused outright.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace bilan {

/// The files of a build, by path relative to the output folder.
using SiteFiles = std::map<std::string, std::shared_ptr<const std::string>>;

class SiteServer {
 public:
  SiteServer();
  ~SiteServer();
  SiteServer(const SiteServer&) = delete;
  SiteServer& operator=(const SiteServer&) = delete;

  /// Binds `host`:`port` (0: any free port). False with *err when the
  /// address cannot be used.
  bool bind(const std::string& host, int port, std::string* err);
  int port() const { return port_; }
  /// Serves on a thread of its own until stop().
  void start();
  /// Ends the event streams, stops listening and joins the thread.
  void stop();

  /// A successful build: `files` become the site; open pages are told which
  /// paths changed, and any error overlay is cleared. Returns the changed
  /// paths (added, removed or with other bytes), sorted.
  std::vector<std::string> publish(SiteFiles files);
  /// A failed build: the site stays as it was; open pages show `message`
  /// (the text printed on the terminal) until the next publish().
  void fail(const std::string& message);

  std::uint64_t generation() const;

 private:
  struct Client;
  bool next_event(Client* c, std::string* event);

  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::atomic<bool> listen_ended_{false};
  int port_ = 0;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<const SiteFiles> files_;  // null until the first publish
  std::uint64_t generation_ = 0;            // of files_
  std::deque<std::pair<std::uint64_t, std::vector<std::string>>> history_;  // recent changes by generation
  std::string error_;                       // "" when the last build succeeded
  std::uint64_t error_seq_ = 0;             // counts changes of the error state
  bool stopping_ = false;
};

}  // namespace bilan
