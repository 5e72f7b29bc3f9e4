#include "render/html/templates.h"

#include <catch2/catch.hpp>

using namespace bilan;

namespace {

std::string messages(const Diagnostics& diags) {
  std::string s;
  for (const Diagnostic& d : diags) s += location_prefix(d.pos) + d.message + "\n";
  return s;
}

}  // namespace

TEST_CASE("templates render escaped values and partials") {
  TemplateSet t;
  Diagnostics diags;
  REQUIRE(t.add("partials/name", "<b>{{name}}</b>", &diags));
  REQUIRE(t.add("pages/x", "{{> name}} {{{body_html}}}", &diags));
  TemplateData d;
  d.set("name", TemplateData("<i>R&D</i>"));
  d.set("body_html", TemplateData("<p>ok</p>"));
  std::string out;
  REQUIRE(t.render("pages/x", d, &out, &diags));
  CHECK(out == "<b>&lt;i&gt;R&amp;D&lt;/i&gt;</b> <p>ok</p>");
  CHECK(diags.empty());
}

TEST_CASE("a partial is found even when a value has the same name") {
  TemplateSet t;
  Diagnostics diags;
  REQUIRE(t.add("partials/header", "[header]", &diags));
  REQUIRE(t.add("pages/x", "{{> header}}{{header}}", &diags));
  TemplateData d;
  d.set("header", TemplateData("value"));
  std::string out;
  REQUIRE(t.render("pages/x", d, &out, &diags));
  CHECK(out == "[header]value");
}

TEST_CASE("template syntax errors name the file, line and column") {
  TemplateSet t;
  Diagnostics diags;
  CHECK_FALSE(t.add("pages/region", "<h1>{{title}}</h1>\n<p>{{#figures}}\n{{value}}\n", &diags));
  CHECK(messages(diags) == "templates/pages/region.mustache:2:4: template error: unclosed section \"figures\"\n");
  diags.clear();
  CHECK_FALSE(t.add("pages/home", "ok\n  {{title\n", &diags));
  CHECK(messages(diags) == "templates/pages/home.mustache:2:3: template error: unclosed tag\n");
  diags.clear();
  CHECK_FALSE(t.add("pages/home", "{{/x}}", &diags));
  CHECK(messages(diags) == "templates/pages/home.mustache:1:1: template error: unopened section \"x\"\n");
}

TEST_CASE("only *_html values may be written unescaped") {
  TemplateSet t;
  Diagnostics diags;
  CHECK_FALSE(t.add("pages/region", "<h1>{{{title}}}</h1>\n{{& name }}", &diags));
  CHECK(messages(diags) ==
        "templates/pages/region.mustache:1:5: template error: 'title' is written unescaped; only values named *_html "
        "may be\n"
        "templates/pages/region.mustache:2:1: template error: 'name' is written unescaped; only values named *_html "
        "may be\n");
  diags.clear();
  CHECK(t.add("pages/ok", "{{{intro_html}}}{{&svg_html}}", &diags));
  CHECK(diags.empty());
}

TEST_CASE("unknown partials and delimiter changes are refused") {
  TemplateSet t;
  Diagnostics diags;
  CHECK_FALSE(t.add("layouts/default", "a\n{{> heder}}", &diags));
  CHECK(messages(diags) == "templates/layouts/default.mustache:2:1: template error: unknown partial 'heder' (no file "
                           "templates/partials/heder.mustache)\n");
  diags.clear();
  CHECK_FALSE(t.add("pages/x", "{{=<% %>=}}<%{title}%>", &diags));
  CHECK(messages(diags) == "templates/pages/x.mustache:1:1: template error: changing delimiters is not supported\n");
}

TEST_CASE("load reads every template of templates/ and checks them together") {
  MemoryFileSystem fs;
  fs.add("templates/partials/a.mustache", "A{{> b}}");
  fs.add("templates/partials/b.mustache", "B");
  fs.add("templates/pages/home.mustache", "{{> a}}");
  fs.add("templates/README.md", "not a template");
  fs.add("templates/pages/bad.mustache", "\xff");
  TemplateSet t;
  Diagnostics diags;
  CHECK_FALSE(t.load(fs, &diags));
  CHECK(messages(diags) == "templates/pages/bad.mustache:1:1: invalid utf-8\n");
  std::string out;
  diags.clear();
  REQUIRE(t.render("pages/home", TemplateData(), &out, &diags));
  CHECK(out == "AB");
  CHECK_FALSE(t.render("pages/missing", TemplateData(), &out, &diags));
  CHECK(messages(diags) == "templates/pages/missing.mustache: no such file\n");
}

// render() keeps each parsed template: rendering it again, with other data,
// after the text changed, or after a failed render, gives what a fresh
// parse would.
TEST_CASE("a template rendered many times gives each render its own data") {
  TemplateSet t;
  Diagnostics diags;
  REQUIRE(t.add("pages/x", "{{#items}}[{{.}}]{{/items}}{{name}}", &diags));
  std::string out;
  for (int i = 0; i < 3; ++i) {
    TemplateData d;
    TemplateData items(TemplateData::type::list);
    for (int k = 0; k <= i; ++k) items.push_back(TemplateData(std::to_string(k)));
    d.set("items", items);
    d.set("name", TemplateData("n" + std::to_string(i)));
    REQUIRE(t.render("pages/x", d, &out, &diags));
  }
  CHECK(out == "[0][1][2]n2");
  REQUIRE(t.add("pages/x", "<{{name}}>", &diags));  // the new text is used
  TemplateData d;
  d.set("name", TemplateData("y"));
  REQUIRE(t.render("pages/x", d, &out, &diags));
  CHECK(out == "<y>");
  CHECK(diags.empty());
}
