// The national section: each theme as a title band in its measure's colour,
// its narrative in two columns, then its big-number blocks and charts two by
// two. A theme starts a new page when it would not fit whole below the
// previous one (and fits on a page); a longer one flows on.
#include <algorithm>

#include "render/pdf/publication_writer.h"

namespace bilan {

namespace {

struct FigureCell {
  const Highlight* highlight = nullptr;
  const Chart* chart = nullptr;
};

bool selected(const std::vector<std::string>& refs, const std::string& id) {
  return refs.empty() || std::find(refs.begin(), refs.end(), id) != refs.end();
}

}  // namespace

void PublicationWriter::themes(const DocumentSection& s) {
  const SourcePos pos = pub_.document->pos;
  Story story(&c_, [this] { return new_page(PageFooter::shown); });
  story.break_page();
  const Area a = story.area();
  const double gap = ps_.column_gap;
  const double half = (a.w - gap) / 2;

  if (!s.title.empty()) {
    anchor(0, s.title, story.page(), story.y());
    SetBlock title = title_block(s.title, a.w, ps_.h2, ps_.accent, "themes title", pos);
    story.place(title.height(), [&](int page, double y) { c_.draw_block(page, a.x, y, title); });
    story.advance(ps_.block_space / 2);
    story.place(ps_.accent_rule + ps_.block_space, [&](int page, double y) { accent_rule(page, a.x, y); });
  }

  for (const Theme& theme : project_.themes) {
    if (!selected(s.refs, theme.id)) continue;
    const std::string color = theme.measures.empty() ? ps_.accent : measure_color(theme.measures.front());
    const double pad = ps_.box_padding * 0.7;
    SetBlock band = title_block(theme.title, a.w - 2 * pad, ps_.h3, ps_.on_accent, theme.id + " title", theme.pos);
    const double band_h = band.height() + 2 * pad;
    std::vector<SetBlock> text = c_.set_rich(theme.text, half, body(), color, color, theme.id + " text");
    double text_h = Composer::balanced_height(text, 2, a.h);

    // Big numbers first, then charts, two by two.
    std::vector<FigureCell> cells;
    for (const Highlight& h : theme.highlights) cells.push_back({&h, nullptr});
    for (const Chart& c : theme.charts) cells.push_back({nullptr, &c});
    std::vector<std::vector<FigureCell>> rows;
    for (size_t i = 0; i < cells.size(); i += 2) {
      std::vector<FigureCell> row = {cells[i]};
      if (i + 1 < cells.size()) row.push_back(cells[i + 1]);
      rows.push_back(row);
    }
    auto row_height = [&](const std::vector<FigureCell>& row) {
      double h = 0;
      for (const FigureCell& c : row) h = std::max(h, c.chart ? ps_.chart_height : ps_.highlight_height);
      return h;
    };
    double figures_h = 0;
    for (const auto& row : rows) figures_h += ps_.block_space + row_height(row);

    const double total = band_h + ps_.block_space + text_h + figures_h;
    if (!story.at_top() && total <= a.h && total > story.remaining()) story.break_page();
    story.need(band_h + ps_.block_space + 3 * ps_.leading);
    anchor(1, theme.title, story.page(), story.y());
    story.place(band_h, [&](int page, double y) {
      c_.fill_rect(page, Area{a.x, y, a.w, band_h}, color);
      c_.draw_block(page, a.x + pad, y + pad, band);
    });
    story.advance(ps_.block_space);
    story.columns(theme.id + " text", theme.text.pos, text, 2);

    for (const auto& row : rows) {
      const double h = row_height(row);
      story.advance(ps_.block_space);
      story.place(h, [&](int page, double y) {
        for (size_t k = 0; k < row.size(); ++k) {
          const double x = a.x + static_cast<double>(k) * (half + gap);
          const FigureCell& cell = row[k];
          if (cell.highlight) {
            const Highlight& hl = *cell.highlight;
            const Measure* m = hl.measure.empty() ? nullptr : project_.find_measure(hl.measure);
            ChartDrawing d = layout_highlight(hl, m, m ? pictogram(m->id) : nullptr, *res_.style, half,
                                              ps_.highlight_height);
            c_.draw_drawing(page, d, x, y);
          } else {
            // A chart alone on its row spreads across the page when it has
            // enough bars to fill it.
            size_t points = 0;
            for (const Series& series : cell.chart->series) points += series.points.size();
            chart_cell(page, *cell.chart, x, y, row.size() == 1 && points > 3 ? a.w : half, h);
          }
        }
      });
    }
    story.advance(ps_.block_space * 2);
  }
}

}  // namespace bilan
