// The browser side of `bilan serve`: the live-reload script, how it is put
// into pages (at serve time only, so `bilan build` output never has it), the
// server-sent events it listens to, and which request paths are served.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bilan {

/// Where the script and the event stream live; no site file can be there
/// because output paths never start with "__".
inline constexpr const char* kLiveScriptPath = "/__bilan/live.js";
inline constexpr const char* kEventsPath = "/__bilan/events";

/// The script: listens to kEventsPath; on "reload" reloads the page when the
/// page itself, a stylesheet, a script, an image or a font changed; on
/// "build-error" shows the build's error message over the page (as text) and
/// on "build-ok" removes it. On "hello" (sent first on every connection) it
/// reloads when the page is older than the last published build.
const std::string& live_reload_script();

/// `html` with the script tag added before the last "</body>" (or at the end).
/// `generation` tells the script which build the page came from, so it
/// reloads at once when a newer one was published meanwhile.
std::string inject_live_reload(const std::string& html, std::uint64_t generation);

/// The site file a request path names: "/" -> "index.html", "/a/" ->
/// "a/index.html", "/a/b.css" -> "a/b.css". `path` is already %-decoded (as
/// cpp-httplib gives it). False for paths that could leave the output
/// folder or name nothing: a "." or ".." segment, a backslash, a NUL byte,
/// an empty segment ("//"), or not starting with '/'.
bool site_file_for(const std::string& path, std::string* file);

/// The Content-Type for a file name, from its extension.
std::string content_type(const std::string& file);

/// One server-sent event ("event: NAME\ndata: ...\n\n"); `data` may hold
/// several lines.
std::string sse_event(const std::string& name, const std::string& data);

/// {"generation":N,"changed":["a.html",...]}: the data of a "reload" event.
std::string reload_data(std::uint64_t generation, const std::vector<std::string>& changed);

/// The page served while no build has succeeded yet: it carries the script,
/// so the error overlay shows and the page reloads when a build succeeds.
std::string waiting_page();

}  // namespace bilan
