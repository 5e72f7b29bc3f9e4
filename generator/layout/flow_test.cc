#include "layout/flow.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

namespace bilan {
namespace {

// A block of `lines` lines of 10 pt.
FlowBlock block(size_t lines, double before = 0, double after = 0, bool keep_with_next = false) {
  FlowBlock b;
  b.line_heights.assign(lines, 10.0);
  b.space_before = before;
  b.space_after = after;
  b.keep_with_next = keep_with_next;
  return b;
}

FlowBlock heading(double after = 0) { return block(1, 0, after, true); }

// "block:first+count@y" for each slice of a frame, for compact checks.
std::vector<std::string> slices(const FlowFrame& frame) {
  std::vector<std::string> out;
  for (const FlowSlice& s : frame.slices) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%zu:%zu+%zu@%g", s.block, s.first_line, s.line_count, s.y);
    out.push_back(buf);
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("blocks that fit are placed one below the other, spaces collapsed") {
  FlowResult r = flow_blocks("test", {block(3, 20, 5), block(2, 8, 4)}, {100});
  REQUIRE(r.ok());
  REQUIRE(r.frames.size() == 1);
  // No space at the frame top; between the blocks max(5, 8) = 8.
  CHECK(slices(r.frames[0]) == Strings{"0:0+3@0", "1:0+2@38"});
  CHECK(r.frames[0].used == 58);
  CHECK(r.lines_over == 0);
}

TEST_CASE("a paragraph that fills a frame continues at the top of the next") {
  FlowResult r = flow_blocks("test", {block(2, 0, 10), block(8, 10, 0)}, {60, 60});
  REQUIRE(r.ok());
  // 20 + 10 of space leave room for 3 lines; 5 go to the next frame, at its top.
  CHECK(slices(r.frames[0]) == Strings{"0:0+2@0", "1:0+3@30"});
  CHECK(slices(r.frames[1]) == Strings{"1:3+5@0"});
  CHECK(r.frames[0].used == 60);
}

TEST_CASE("orphan: one line alone at the bottom of a frame moves to the next") {
  // Room for one line of the second paragraph only.
  FlowResult r = flow_blocks("test", {block(3), block(5)}, {40, 100});
  REQUIRE(r.ok());
  CHECK(slices(r.frames[0]) == Strings{"0:0+3@0"});
  CHECK(slices(r.frames[1]) == Strings{"1:0+5@0"});
}

TEST_CASE("widow: the last line of a paragraph never starts a frame alone") {
  // Room for 4 of 5 lines: 3 stay, 2 go.
  FlowResult r = flow_blocks("test", {block(1), block(5)}, {50, 100});
  REQUIRE(r.ok());
  CHECK(slices(r.frames[0]) == Strings{"0:0+1@0", "1:0+3@10"});
  CHECK(slices(r.frames[1]) == Strings{"1:3+2@0"});
}

TEST_CASE("paragraphs of two or three lines are never split") {
  FlowResult three = flow_blocks("test", {block(2), block(3)}, {40, 100});
  REQUIRE(three.ok());
  CHECK(slices(three.frames[0]) == Strings{"0:0+2@0"});
  CHECK(slices(three.frames[1]) == Strings{"1:0+3@0"});

  FlowResult two = flow_blocks("test", {block(3), block(2)}, {40, 100});
  REQUIRE(two.ok());
  CHECK(slices(two.frames[0]) == Strings{"0:0+3@0"});
  CHECK(slices(two.frames[1]) == Strings{"1:0+2@0"});
}

TEST_CASE("a paragraph running through three frames") {
  FlowResult r = flow_blocks("test", {block(12)}, {50, 50, 50});
  REQUIRE(r.ok());
  CHECK(slices(r.frames[0]) == Strings{"0:0+5@0"});
  CHECK(slices(r.frames[1]) == Strings{"0:5+5@0"});
  CHECK(slices(r.frames[2]) == Strings{"0:10+2@0"});
}

TEST_CASE("keep with next: a heading moves with the start of its paragraph") {
  // After 20 pt of text, the heading would fit (30) but not 2 lines of its paragraph.
  FlowResult moved = flow_blocks("test", {block(2), heading(), block(4)}, {40, 100});
  REQUIRE(moved.ok());
  CHECK(slices(moved.frames[0]) == Strings{"0:0+2@0"});
  CHECK(slices(moved.frames[1]) == Strings{"1:0+1@0", "2:0+4@10"});

  // With room for the heading and 2 lines, they stay and the paragraph splits.
  FlowResult kept = flow_blocks("test", {block(2), heading(), block(4)}, {50, 100});
  REQUIRE(kept.ok());
  CHECK(slices(kept.frames[0]) == Strings{"0:0+2@0", "1:0+1@20", "2:0+2@30"});
  CHECK(slices(kept.frames[1]) == Strings{"2:2+2@0"});

  // A paragraph of 3 lines cannot split: the heading needs all of it.
  FlowResult short_paragraph = flow_blocks("test", {block(2), heading(), block(3)}, {50, 100});
  REQUIRE(short_paragraph.ok());
  CHECK(slices(short_paragraph.frames[0]) == Strings{"0:0+2@0"});
  CHECK(slices(short_paragraph.frames[1]) == Strings{"1:0+1@0", "2:0+3@10"});
}

TEST_CASE("keep with next follows a chain of headings") {
  // Title, subtitle, then a paragraph: the two headings go together.
  FlowResult r = flow_blocks("test", {block(2), heading(5), heading(), block(6)}, {60, 100});
  REQUIRE(r.ok());
  CHECK(slices(r.frames[0]) == Strings{"0:0+2@0"});
  CHECK(slices(r.frames[1]) == Strings{"1:0+1@0", "2:0+1@15", "3:0+6@25"});
}

TEST_CASE("a heading at the top of a frame stays even if its paragraph cannot follow") {
  FlowResult r = flow_blocks("test", {heading(), block(6)}, {20, 100});
  REQUIRE(r.ok());
  // The frame holds the heading and one line: the paragraph starts in the next.
  CHECK(slices(r.frames[0]) == Strings{"0:0+1@0"});
  CHECK(slices(r.frames[1]) == Strings{"1:0+6@0"});
}

TEST_CASE("frames shorter than two lines relax the widow and orphan rules") {
  FlowResult r = flow_blocks("test", {block(3)}, {15, 15, 15});
  REQUIRE(r.ok());
  CHECK(slices(r.frames[0]) == Strings{"0:0+1@0"});
  CHECK(slices(r.frames[1]) == Strings{"0:1+1@0"});
  CHECK(slices(r.frames[2]) == Strings{"0:2+1@0"});
}

TEST_CASE("a frame shorter than one line is skipped") {
  FlowResult r = flow_blocks("test", {block(2)}, {5, 30});
  REQUIRE(r.ok());
  CHECK(r.frames[0].slices.empty());
  CHECK(slices(r.frames[1]) == Strings{"0:0+2@0"});
}

TEST_CASE("text that does not fit its frames is an error naming the block") {
  // 3 lines fit in 30 pt, and 2 stay with them (no widow): 2 + 4 over.
  FlowResult r = flow_blocks("bretagne: les actions", {block(5), block(4)}, {30});
  CHECK(!r.ok());
  CHECK(r.lines_over == 6);
  CHECK(r.error == "text of 'bretagne: les actions' does not fit its frame (6 lines over)");
  // What fits is placed.
  CHECK(slices(r.frames[0]) == Strings{"0:0+3@0"});

  FlowResult one = flow_blocks("occitanie: l'essentiel", {block(1), block(1)}, {15});
  CHECK(one.lines_over == 1);
  CHECK(one.error == "text of 'occitanie: l'essentiel' does not fit its frame (1 line over)");

  FlowResult none = flow_blocks("x", {block(1)}, {});
  CHECK(none.error == "text of 'x' does not fit its frame (1 line over)");
}

TEST_CASE("empty blocks and empty input") {
  FlowResult r = flow_blocks("test", {block(0, 30, 30), block(2)}, {100});
  REQUIRE(r.ok());
  CHECK(slices(r.frames[0]) == Strings{"1:0+2@0"});
  CHECK(flow_blocks("test", {}, {100}).ok());
}

TEST_CASE("a set paragraph becomes a flow block") {
  ParagraphLayout p;
  p.lines.resize(3);
  p.lines[0].height = 12;
  p.lines[1].height = 12;
  p.lines[2].height = 14;
  FlowBlock b = flow_block(p, 6, 3, true);
  CHECK(b.line_heights == std::vector<double>{12, 12, 14});
  CHECK(b.space_before == 6);
  CHECK(b.space_after == 3);
  CHECK(b.keep_with_next);
}

}  // namespace bilan
