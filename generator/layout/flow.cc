#include "layout/flow.h"

#include <algorithm>

namespace bilan {

namespace {

// Heights are sums of floating-point line heights: compare with some slack.
constexpr double kSlack = 1e-6;

// Lines of a block that must open a frame together: all of a paragraph of up
// to 3 lines (it cannot be split), else 2.
size_t opening_lines(const FlowBlock& b) {
  size_t n = b.line_heights.size();
  return n <= 3 ? n : 2;
}

double lines_height(const FlowBlock& b, size_t first, size_t count) {
  double h = 0;
  for (size_t k = first; k < first + count; ++k) h += b.line_heights[k];
  return h;
}

// Height that must follow, in the same frame, the end of block `i` (a block
// kept with its next): the gap, then the opening lines of the next block, or
// all of it and what must follow it when it is kept with its next too.
double kept_height(const std::vector<FlowBlock>& blocks, size_t i) {
  double h = 0;
  double after = blocks[i].space_after;
  for (size_t j = i + 1; j < blocks.size(); ++j) {
    const FlowBlock& b = blocks[j];
    if (b.line_heights.empty()) continue;
    h += std::max(after, b.space_before);
    if (!b.keep_with_next) return h + lines_height(b, 0, opening_lines(b));
    h += lines_height(b, 0, b.line_heights.size());
    after = b.space_after;
  }
  return h;
}

}  // namespace

FlowBlock flow_block(const ParagraphLayout& paragraph, double space_before, double space_after,
                     bool keep_with_next) {
  FlowBlock b;
  b.line_heights.reserve(paragraph.lines.size());
  for (const TypesetLine& line : paragraph.lines) b.line_heights.push_back(line.height);
  b.space_before = space_before;
  b.space_after = space_after;
  b.keep_with_next = keep_with_next;
  return b;
}

FlowResult flow_blocks(const std::string& name, const std::vector<FlowBlock>& blocks,
                       const std::vector<double>& frame_heights) {
  FlowResult result;
  result.frames.resize(frame_heights.size());
  size_t frame = 0;
  double y = 0;             // height used in the current frame
  bool empty_frame = true;  // nothing placed yet in the current frame
  double space_after = 0;   // of the last block placed in this frame
  size_t i = 0;             // current block
  size_t line = 0;          // its first line not yet placed

  auto next_frame = [&] {
    ++frame;
    y = 0;
    empty_frame = true;
    space_after = 0;
  };

  while (i < blocks.size() && frame < frame_heights.size()) {
    const FlowBlock& b = blocks[i];
    const size_t n = b.line_heights.size();
    if (n == 0) {
      ++i;
      continue;
    }
    const double height = frame_heights[frame];
    const double gap = empty_frame ? 0 : std::max(space_after, line == 0 ? b.space_before : 0.0);
    const double room = height - y - gap;
    const size_t remaining = n - line;

    size_t fit = 0;  // lines that fit in the room left
    for (double h = 0; fit < remaining; ++fit) {
      h += b.line_heights[line + fit];
      if (h > room + kSlack) break;
    }

    size_t take;
    if (fit == remaining) {
      take = remaining;
      // A heading whose followers would not come with it opens the next frame.
      if (b.keep_with_next && line == 0 && !empty_frame &&
          y + gap + lines_height(b, 0, n) + kept_height(blocks, i) > height + kSlack)
        take = 0;
    } else {
      take = fit;
      if (remaining - take < 2) take = remaining >= 2 ? remaining - 2 : 0;  // no widow at the next top
      if (line == 0 && take < 2) take = 0;                                   // no orphan at this bottom
      if (take == 0 && empty_frame) take = fit;  // a frame under two lines: the rules give way
    }

    if (take == 0) {
      // Nothing fits here, or the rules move the lines to the next frame.
      // (An empty frame where not even one line fits is left empty.)
      next_frame();
      continue;
    }

    FlowFrame& out = result.frames[frame];
    out.slices.push_back(FlowSlice{i, line, take, y + gap});
    y += gap + lines_height(b, line, take);
    out.used = y;
    empty_frame = false;
    line += take;
    if (line == n) {
      space_after = b.space_after;
      ++i;
      line = 0;
    } else {
      next_frame();
    }
  }

  if (i < blocks.size()) {
    size_t over = blocks[i].line_heights.size() - line;
    for (size_t j = i + 1; j < blocks.size(); ++j) over += blocks[j].line_heights.size();
    result.lines_over = over;
    if (over > 0)
      result.error = "text of '" + name + "' does not fit its frame (" + std::to_string(over) +
                     (over == 1 ? " line over)" : " lines over)");
  }
  return result;
}

}  // namespace bilan
