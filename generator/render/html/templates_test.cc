#include "render/html/templates.h"

#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>

using namespace bilan;

namespace {

// The same values as kainjow's data, for kainjow to render as a reference.
kainjow::mustache::data to_kainjow(const TemplateData& d) {
  using kdata = kainjow::mustache::data;
  if (d.is_string()) return kdata(d.string_value());
  if (d.is_true() || d.is_false()) return kdata(d.is_true());
  if (d.is_list()) {
    kdata list(kdata::type::list);
    for (const TemplateData& item : d.list_value()) list.push_back(to_kainjow(item));
    return list;
  }
  kdata object;
  for (const std::string& name : d.object_names()) object.set(name, to_kainjow(*d.get(name)));
  return object;
}

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

// TemplateSet renders kainjow's parse with its own walker (templates.cc):
// the output must be the one kainjow's basic_mustache gives, line handling
// and partials included. kainjow looks partials up in the data when given no
// context of ours, which makes the reference here.
TEST_CASE("templates render as kainjow renders them") {
  struct Case {
    std::string text;
    std::vector<std::pair<std::string, std::string>> partials;
  };
  const std::vector<Case> cases = {
      {"a\n{{> p}}\nb", {{"p", "x\n"}}},
      {"a\n  {{> p}}  \nb\n", {{"p", "x"}}},
      {"<ul>\n{{#items}}\n  {{> p}}\n{{/items}}\n</ul>\n", {{"p", "<li>{{.}}</li>\n"}}},
      {"<ul>\n{{#items}}\n{{> p}}\n{{/items}}\n</ul>\n", {{"p", "{{#flag}}\n<li>{{.}}</li>\n{{/flag}}"}}},
      {"{{#flag}}\n  {{> p}}\n{{/flag}}\n", {{"p", "{{#flag}}\nyes\n{{/flag}}\n"}}},
      {"{{> a}}|{{> a}}", {{"a", "[{{> b}}]"}, {"b", "{{name}}\n"}}},
      // "\r" then "\n" would be one line end if joined, "{" then "{{" a tag.
      {"{{#flag}}\r{{> p}}y{{/flag}}", {{"p", "\n"}}},
      {"{{#flag}}\r{{> p}}\ny{{/flag}}", {{"p", ""}}},
      {"{{#flag}}{{> p}}\ny{{/flag}}", {{"p", "{{#flag}}{{/flag}}\r"}}},
      {"{{> p}}{{name}}}", {{"p", "a{"}}},
      {"{{#tree}}{{> node}}{{/tree}}", {{"node", "{{name}}({{#children}}{{> node}}{{/children}})"}}},
      {"{{> p}}", {{"p", "{{=<% %>=}}<%name%>"}}},
      // Sections: absent and false ones leave their lines; standalone tags of
      // rendered ones do not.
      {"a\n{{#missing}}\nx\n{{/missing}}\nb\n", {}},
      {"a\n{{#off}}\nx\n{{/off}}\nb\n", {}},
      {"a\n{{^off}}\nnot\n{{/off}}\n{{^flag}}\nno\n{{/flag}}\nb\n", {}},
      {"  {{#items}}  \n{{.}}\n  {{/items}}  \n", {}},
      {"{{#items}}{{.}}{{^last}}, {{/last}}{{/items}}", {}},
      {"{{#empty}}\nx\n{{/empty}}\n{{^empty}}\nnone\n{{/empty}}\n", {}},
      {"{{tree.name}} {{tree.missing.x}} {{#tree}}{{children.name}}{{/tree}} {{tree.children}}", {}},
      {"{{name}} {{&body_html}} {{{body_html}}}", {}},
      {"x\n{{#flag}}{{/flag}}  ", {}},
      {"a {{! note }} b\n{{! standalone }}\nc", {}},
      {"a\r\n{{#flag}}\r\nb\r\n{{/flag}}\r\n", {}},
      {"[{{.}}]{{#name}}[{{.}}]{{/name}}{{#items}}({{name}}){{/items}}", {}},
      {"{{}}{{..}}{{a..b}}\t\n \t\n", {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    TemplateSet t;
    Diagnostics diags;
    TemplateData data;
    data.set("name", TemplateData("<a href=\"x\">'&'</a>"));
    data.set("flag", TemplateData(true));
    data.set("off", TemplateData(false));
    data.set("empty", TemplateData(TemplateData::type::list));
    data.set("body_html", TemplateData("<b class=\"x\">'&'</b>"));
    TemplateData items(TemplateData::type::list);
    items.push_back(TemplateData("1"));
    items.push_back(TemplateData("2"));
    data.set("items", items);
    TemplateData leaf;
    leaf.set("name", TemplateData("leaf"));
    leaf.set("children", TemplateData(TemplateData::type::list));  // else the root's are found again
    TemplateData children(TemplateData::type::list);
    children.push_back(leaf);
    TemplateData tree;
    tree.set("name", TemplateData("root"));
    tree.set("children", children);
    data.set("tree", tree);
    kainjow::mustache::data reference_data = to_kainjow(data);
    for (const auto& [name, text] : c.partials) {
      t.add("partials/" + name, text, &diags);
      reference_data.set(name, kainjow::mustache::data(text));
    }
    t.add("pages/x", c.text, &diags);
    kainjow::mustache::mustache reference(c.text);
    std::string expected = reference.render(reference_data);
    std::string out;
    diags.clear();
    REQUIRE(t.render("pages/x", data, &out, &diags));
    CHECK(out == expected);
    REQUIRE(t.render("pages/x", data, &out, &diags));  // the parse kept gives the same again
    CHECK(out == expected);
  }
}

TEST_CASE("layers are looked up as one object, the first that has a name winning") {
  TemplateSet t;
  Diagnostics diags;
  REQUIRE(t.add("pages/x", "{{a}} {{b}} {{urls.home}}|{{urls.only_page}}|{{#list}}{{a}}{{c}}{{/list}}", &diags));
  TemplateData site;
  site.set("a", TemplateData("site-a"));
  TemplateData site_urls;
  site_urls.set("home", TemplateData("/"));
  site.set("urls", site_urls);
  TemplateData page;
  page.set("a", TemplateData("page-a"));
  page.set("b", TemplateData("page-b"));
  TemplateData page_urls;
  page_urls.set("only_page", TemplateData("hidden"));  // "urls" is the site's: this one is not seen
  page.set("urls", page_urls);
  TemplateData item;
  item.set("c", TemplateData("c"));
  TemplateData list(TemplateData::type::list);
  list.push_back(item);
  page.set("list", list);
  std::string out;
  REQUIRE(t.render("pages/x", TemplateLayers{&site, &page}, &out, &diags));
  CHECK(out == "site-a page-b /||site-ac");
}

TEST_CASE("a partial including itself without end is an error, not a crash") {
  TemplateSet t;
  Diagnostics diags;
  REQUIRE(t.add("partials/loop", "[{{> loop}}]", &diags));
  REQUIRE(t.add("pages/x", "{{> loop}}", &diags));
  std::string out;
  CHECK_FALSE(t.render("pages/x", TemplateData(), &out, &diags));
  CHECK(messages(diags) == "templates/pages/x.mustache: template error: partials nested too deep\n");
}

TEST_CASE("template values: objects replace a name set again, lists keep their order") {
  TemplateData d;
  d.set("a", TemplateData("1"));
  d.set("b", TemplateData(true));
  d.set("a", TemplateData("2"));
  REQUIRE(d.get("a") != nullptr);
  CHECK(d.get("a")->string_value() == "2");
  CHECK(d.get("b")->is_true());
  CHECK(d.get("c") == nullptr);
  CHECK(d.object_names() == std::vector<std::string>{"a", "b"});
  TemplateData list(std::vector<TemplateData>{TemplateData("x"), TemplateData(false)});
  list.push_back(TemplateData("y"));
  REQUIRE(list.list_value().size() == 3);
  CHECK(list.list_value()[2].string_value() == "y");
  CHECK(list.get("x") == nullptr);  // not an object
  TemplateData text("t");
  text.set("a", TemplateData("1"));  // not an object: nothing
  text.push_back(TemplateData("1"));  // not a list: nothing
  CHECK(text.get("a") == nullptr);
  CHECK(text.list_value().empty());
  CHECK(TemplateData(TemplateData::type::list).is_empty_list());
}
