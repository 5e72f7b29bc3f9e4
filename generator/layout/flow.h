// Flowing set paragraphs into frames: the columns or pages a text runs
// through, each with the height it may fill. Backend independent: the result
// says which lines go in which frame and at what height; the backend draws.
//
// Rules:
//   - widows and orphans: a paragraph of several lines never leaves a single
//     line at the bottom or the top of a frame. At least 2 lines stay on each
//     side of a split, so paragraphs of 2 or 3 lines are never split;
//   - keep with next: a block marked so (a heading) goes to the next frame
//     when the start of the following block (its first 2 lines, or all of a
//     paragraph of up to 3 lines) would not follow it in the same frame;
//   - spacing: the space between two blocks is the larger of the first's
//     space_after and the second's space_before (they collapse, as CSS
//     margins do); no space is kept at the top or the bottom of a frame;
//   - when a rule cannot be kept even at the top of an empty frame (a frame
//     shorter than two lines), it gives way: as many lines as fit are placed;
//   - text that does not fit the frames given is an error naming the block,
//     never clipped silently.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "layout/typeset.h"

namespace bilan {

/// A paragraph (or heading, or list item) already set for the frames' width.
struct FlowBlock {
  std::vector<double> line_heights;  ///< each line's height, pt, top to bottom
  double space_before = 0;           ///< pt above the block; dropped at the top of a frame
  double space_after = 0;            ///< pt below the block; dropped at the bottom of a frame
  bool keep_with_next = false;       ///< stay in the frame where the next block starts (headings)
};

/// The block of a set paragraph: its line heights and the given spacing.
FlowBlock flow_block(const ParagraphLayout& paragraph, double space_before, double space_after,
                     bool keep_with_next = false);

/// Consecutive lines of one block placed in one frame.
struct FlowSlice {
  size_t block = 0;       ///< index into the blocks given
  size_t first_line = 0;  ///< index of the first line of the block in this frame
  size_t line_count = 0;  ///< number of lines
  double y = 0;           ///< top of the first line, pt down from the frame's top
};

struct FlowFrame {
  std::vector<FlowSlice> slices;  ///< top to bottom
  double used = 0;                ///< height filled, pt (from the top to the last line's bottom)
};

struct FlowResult {
  std::vector<FlowFrame> frames;  ///< one per frame given, in order; frames after the text are empty
  size_t lines_over = 0;          ///< lines that found no room
  /// Empty when everything fits; else "text of 'NAME' does not fit its frame
  /// (N lines over)" ("1 line over" for one). What fits is still placed.
  std::string error;
  bool ok() const { return error.empty(); }
};

/// Distributes `blocks` into frames of the given heights (pt), in order.
/// `name` names the text in the error ("bretagne: les actions").
FlowResult flow_blocks(const std::string& name, const std::vector<FlowBlock>& blocks,
                       const std::vector<double>& frame_heights);

}  // namespace bilan
