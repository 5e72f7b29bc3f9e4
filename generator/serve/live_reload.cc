#include "serve/live_reload.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace bilan {

const std::string& live_reload_script() {
  // Plain ES5 so any browser runs it; the overlay's text is set with
  // textContent, so nothing in an error message is read as HTML.
  static const std::string script = R"JS((function () {
  "use strict";
  var me = document.currentScript;
  var born = me ? Number((me.src.match(/[?&]g=(\d+)/) || [])[1] || -1) : -1;
  var overlay = null;
  function pageFile() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }
  function affects(changed) {
    var page = pageFile();
    for (var i = 0; i < changed.length; i++) {
      var f = changed[i];
      if (f === page || /\.(css|js|svg|png|jpe?g|gif|webp|woff2?|ttf)$/i.test(f)) return true;
    }
    return false;
  }
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "bilan-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;" +
          "padding:2rem;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 monospace";
      var title = document.createElement("p");
      title.textContent = "bilan: the last change does not build; this page is the last good build.";
      title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8c8c";
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      (document.body || document.documentElement).appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  function clearError() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    overlay = null;
  }
  var source = new EventSource("/__bilan/events");
  source.addEventListener("hello", function (e) {
    var state = JSON.parse(e.data);
    if (document.querySelector('meta[name="bilan-waiting"]') ? state.built : state.generation !== born)
      location.reload();
  });
  source.addEventListener("reload", function (e) {
    var data = JSON.parse(e.data);
    if (data.all || document.querySelector('meta[name="bilan-waiting"]') || affects(data.changed))
      location.reload();
  });
  source.addEventListener("build-error", function (e) { showError(e.data); });
  source.addEventListener("build-ok", clearError);
})();
)JS";
  return script;
}

std::string inject_live_reload(const std::string& html, std::uint64_t generation) {
  std::string tag = fmt::format("<script src=\"{}?g={}\"></script>", kLiveScriptPath, generation);
  // The last "</body>", in any case.
  std::string lower(html.size(), ' ');
  std::transform(html.begin(), html.end(), lower.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  size_t at = lower.rfind("</body>");
  if (at == std::string::npos) return html + tag;
  return html.substr(0, at) + tag + html.substr(at);
}

bool site_file_for(const std::string& path, std::string* file) {
  if (path.empty() || path[0] != '/') return false;
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  std::string rel = path.substr(1);
  // Check every segment, the last one included.
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    std::string seg = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool last = slash == std::string::npos;
    if (seg == "." || seg == "..") return false;
    if (seg.empty() && !last) return false;  // "//" or a leading "//"
    if (last) break;
    start = slash + 1;
  }
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  *file = rel;
  return true;
}

std::string content_type(const std::string& file) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".geojson", "application/geo+json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"},
      {".pdf", "application/pdf"}, {".xml", "application/xml"}, {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"}, {".webmanifest", "application/manifest+json"},
      {".map", "application/json"}};
  for (const auto& [ext, type] : types) {
    size_t n = std::char_traits<char>::length(ext);
    if (file.size() >= n && file.compare(file.size() - n, n, ext) == 0) return type;
  }
  return "application/octet-stream";
}

std::string sse_event(const std::string& name, const std::string& data) {
  std::string out = "event: " + name + "\n";
  size_t start = 0;
  std::string d = data;
  if (!d.empty() && d.back() == '\n') d.pop_back();
  while (true) {
    size_t nl = d.find('\n', start);
    out += "data: " + d.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out + "\n";
}

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    else out += c;
  }
  return out + "\"";
}

}  // namespace

std::string reload_data(std::uint64_t generation, const std::vector<std::string>& changed) {
  std::string out = fmt::format("{{\"generation\":{},\"changed\":[", generation);
  for (size_t i = 0; i < changed.size(); ++i) out += (i ? "," : "") + json_string(changed[i]);
  return out + "]}";
}

std::string waiting_page() {
  return "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"bilan-waiting\">"
         "<title>bilan serve</title></head>\n<body><p>bilan serve: no build has succeeded yet. This page reloads "
         "when one does.</p></body></html>\n";
}

}  // namespace bilan
