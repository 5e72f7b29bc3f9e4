#include "render/html/escape.h"

#include <catch2/catch.hpp>

using namespace bilan;

TEST_CASE("escape_html escapes the five characters that matter") {
  CHECK(escape_html("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;");
  CHECK(escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(escape_html("déjà « 1 800 »") == "déjà « 1 800 »");
}

TEST_CASE("is_allowed_link accepts web, mail and relative links") {
  CHECK(is_allowed_link("https://www.ars.sante.fr"));
  CHECK(is_allowed_link("http://example.org/a?b#c"));
  CHECK(is_allowed_link("HTTPS://EXAMPLE.ORG"));
  CHECK(is_allowed_link("mailto:cab-ass-presse@sante.gouv.fr"));
  CHECK(is_allowed_link("../regions/bretagne/"));
  CHECK(is_allowed_link("page.html#part"));
  CHECK(is_allowed_link("#exemples"));
  CHECK(is_allowed_link("/pacte/a:b"));  // a colon after the first '/' is not a scheme
}

TEST_CASE("is_allowed_link refuses script and other schemes, however written") {
  CHECK_FALSE(is_allowed_link("javascript:alert(1)"));
  CHECK_FALSE(is_allowed_link("JavaScript:alert(1)"));
  CHECK_FALSE(is_allowed_link("  javascript:alert(1)"));
  CHECK_FALSE(is_allowed_link("java\tscript:alert(1)"));
  CHECK_FALSE(is_allowed_link("java\nscript:alert(1)"));
  CHECK_FALSE(is_allowed_link("\x01javascript:alert(1)"));
  CHECK_FALSE(is_allowed_link("data:text/html;base64,PHNjcmlwdD4="));
  CHECK_FALSE(is_allowed_link("vbscript:msgbox"));
  CHECK_FALSE(is_allowed_link("file:///etc/passwd"));
  CHECK_FALSE(is_allowed_link("//evil.example/"));
  CHECK_FALSE(is_allowed_link("\\\\evil.example/"));
  CHECK_FALSE(is_allowed_link(""));
}
