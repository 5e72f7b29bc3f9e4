// "Le pacte en région": an opening page that ranks the regions on each key
// measure, then one double-page spread per region, starting on a left page:
//   left   the region's name, its CHIFFRES CLÉS (the key measures it has
//          figures for, with their pictograms; absent figures are left out,
//          never drawn as 0), its intro in two balanced columns, and its
//          EXEMPLES boxes when they fit there;
//   right  the map of its départements, its highlight chart beside the list
//          of départements and towns, its other charts two by two, and the
//          EXEMPLES when the left page had no room for them (or when the
//          right page has no chart: it would be half empty).
// An opening page that falls on a left page gets a right page too (the
// nation's figures and maps of the regions), so that spreads stay spreads.
// A leaflet (`territory` section) is the same spread on its own two pages,
// with the cover as a masthead and the contacts at the foot when the
// document has them around it.
#include <algorithm>

#include "layout/map.h"
#include "render/pdf/publication_writer.h"
#include "support/french.h"

namespace bilan {

namespace {

bool selected(const std::vector<std::string>& refs, const std::string& id) {
  return refs.empty() || std::find(refs.begin(), refs.end(), id) != refs.end();
}

}  // namespace

void PublicationWriter::regions(const DocumentSection& s) {
  const SourcePos pos = pub_.document->pos;
  std::vector<const Territory*> list;
  for (const Territory* r : project_.regions())
    if (selected(s.refs, r->id)) list.push_back(r);

  // The opening page; spreads start on left pages (see above).
  const int first = new_page(PageFooter::shown);
  const bool two_pages = Composer::is_left(first);
  const Area a = c_.content(first);
  const double gap = ps_.column_gap;
  const double half = (a.w - gap) / 2;
  double y = a.y;
  if (!s.title.empty()) {
    anchor(0, s.title, first, a.y);
    SetBlock title = title_block(s.title, a.w, ps_.h1, ps_.accent, "regions title", pos);
    y += c_.draw_block(first, a.x, y, title) + ps_.block_space / 2;
    y += accent_rule(first, a.x, y);
  }

  // One ranking per key measure, on its headline figure; regions without
  // that figure are named under it, not drawn as 0.
  struct Ranked {
    const Measure* measure;
    std::vector<std::pair<std::string, double>> items;
    std::vector<std::string> absent;
  };
  std::vector<Ranked> ranked;
  for (const Measure& m : project_.measures) {
    if (!m.key || m.fields.empty()) continue;
    Ranked rk{&m, {}, {}};
    for (const Territory* r : list) {
      if (const KeyFigure* f = find_figure(*r, m.id, m.fields.front().id))
        rk.items.push_back({r->name, f->value});
      else
        rk.absent.push_back(r->name);
    }
    if (!rk.items.empty()) ranked.push_back(std::move(rk));
  }
  TextStyle note = small();
  note.color = ps_.muted;
  note.align = TextAlign::left;
  auto absent_note = [&](const Ranked& rk, double w) {
    std::string text;
    for (const std::string& n : rk.absent) text += (text.empty() ? "" : ", ") + n;
    return c_.set_text(std::string(PageWords::not_given) + " : " + text, w, note, "regions ranking", pos);
  };
  auto draw_rankings = [&](int page, size_t from, size_t to, double top, double bottom) {
    const size_t n = to - from;
    if (n == 0) return;
    const size_t rows = (n + 1) / 2;
    double notes_h = 0;
    for (size_t i = from; i < to; ++i)
      if (!ranked[i].absent.empty()) notes_h = std::max(notes_h, absent_note(ranked[i], half).height());
    double cell = std::min(ps_.ranking_height, (bottom - top - gap * static_cast<double>(rows - 1)) /
                                                   static_cast<double>(rows) - notes_h);
    // Bars keep a reading size: a short list does not stretch over the page.
    size_t most = 0;
    for (size_t i = from; i < to; ++i) most = std::max(most, ranked[i].items.size());
    cell = std::min(cell, ps_.leading * (1.6 * static_cast<double>(most) + 4));
    const Area pa = c_.content(page);
    for (size_t i = from; i < to; ++i) {
      const Ranked& rk = ranked[i];
      const size_t k = i - from;
      const double x = pa.x + static_cast<double>(k % 2) * (half + gap);
      const double cy = top + static_cast<double>(k / 2) * (cell + notes_h + gap);
      RankingSpec spec;
      spec.title = rk.measure->short_name + " : " + rk.measure->fields.front().label;
      spec.color = rk.measure->color;
      c_.draw_drawing(page, layout_ranking(rk.items, spec, *res_.style, half, cell), x, cy);
      if (!rk.absent.empty()) c_.draw_block(page, x, cy + cell, absent_note(rk, half));
    }
  };
  const double body_top = y + ps_.block_space;
  if (!two_pages) {
    draw_rankings(first, 0, ranked.size(), body_top, a.bottom());
  } else {
    // The right page of the opening: the nation's figures, then maps of the
    // regions on the key measures as far as they fit. Without either, the
    // rankings are shared between the two pages.
    const int second = new_page(PageFooter::shown);
    const Area b = c_.content(second);
    const Territory* nation = project_.nation();
    std::vector<const Measure*> national;
    if (nation)
      for (const Measure& m : project_.measures)
        for (const KeyFigure& f : nation->figures)
          if (f.measure == m.id) {
            national.push_back(&m);
            break;
          }
    if (national.empty() && !res_.geometry) {
      size_t mid = (ranked.size() + 1) / 2;
      draw_rankings(first, 0, mid, body_top, a.bottom());
      draw_rankings(second, mid, ranked.size(), b.y, b.bottom());
    } else {
      draw_rankings(first, 0, ranked.size(), body_top, a.bottom());
      double ry = b.y;
      if (!national.empty()) {
        const std::string heading = (nation->name_in.empty() ? nation->name : nation->name_in) + "…";
        SetBlock title = title_block(heading, b.w, ps_.h2, ps_.accent, "nation title", nation->pos);
        ry += c_.draw_block(second, b.x, ry, title) + ps_.item_space;
        c_.stroke_line(second, b.x, ry, b.right(), ry, ps_.rule_color, ps_.rule);
        ry += ps_.block_space / 2;
        const double kh = ps_.key_figure_height;
        for (size_t i = 0; i < national.size(); ++i) {
          const Measure& m = *national[i];
          ChartDrawing d = layout_key_figure(m, nation->figures, pictogram(m.id), *res_.style, half, kh);
          c_.draw_drawing(second, d, b.x + static_cast<double>(i % 2) * (half + gap),
                          ry + static_cast<double>(i / 2) * (kh + gap / 2));
        }
        const size_t rows = (national.size() + 1) / 2;
        ry += static_cast<double>(rows) * (kh + gap / 2) + ps_.block_space;
      }
      if (res_.geometry) {
        // Maps two by two, as many rows as leave each map a useful size.
        const double map_h = std::min(ps_.ranking_height, b.bottom() - ry);
        for (size_t i = 0; i < ranked.size() && map_h >= ps_.chart_height; i += 2) {
          if (ry + map_h > b.bottom() + 1e-6) break;
          for (size_t k = i; k < std::min(i + 2, ranked.size()); ++k) {
            const Measure& m = *ranked[k].measure;
            ChartDrawing d = layout_region_map(project_, *res_.style, *res_.geometry, m.id, m.fields.front().id,
                                               half, map_h);
            c_.draw_drawing(second, d, b.x + static_cast<double>(k - i) * (half + gap), ry);
          }
          ry += map_h + gap;
        }
      }
    }
  }

  for (const Territory* r : list) {
    const int left = new_page(PageFooter::shown);
    const int right = new_page(PageFooter::shown);
    anchor(1, r->name, left, c_.content(left).y);
    region_spread(*r, left, right, false, false);
  }
}

void PublicationWriter::territory(const DocumentSection& s, bool with_masthead, bool with_contacts) {
  const Territory* t = pub_.territory;
  if (!s.refs.empty()) t = project_.find_territory(s.refs.front());
  if (!t) {
    diags_->push_back({pub_.document->pos, "document '" + pub_.id + "' has a territory section but no territory " +
                                               "(give refs, or use each: region)"});
    return;
  }
  const int left = new_page(PageFooter::shown);
  const int right = new_page(PageFooter::shown);
  anchor(0, s.title.empty() ? t->name : s.title, left, 0);
  region_spread(*t, left, right, with_masthead, with_contacts);
}

void PublicationWriter::region_spread(const Territory& r, int left, int right, bool with_masthead,
                                      bool with_contacts) {
  const double gap = ps_.column_gap;
  const Area a = c_.content(left);
  const Area b = c_.content(right);
  const double half = (a.w - gap) / 2;

  // --- The EXEMPLES boxes, set first: they go under the intro when the left
  // page has room for them, else on the right page. Two side by side; one
  // alone takes the width, its text in two columns.
  std::vector<const Example*> examples;
  for (const Example& e : r.examples) examples.push_back(&e);
  std::stable_sort(examples.begin(), examples.end(),
                   [](const Example* x, const Example* y) { return x->order < y->order; });
  struct Box {
    const Example* example;
    SetBlock name;
    std::vector<SetBlock> text;
    double width = 0, height = 0;
    int columns = 1;
  };
  std::vector<Box> boxes;
  const double pad = ps_.box_padding;
  for (size_t i = 0; i < examples.size(); ++i) {
    const Example& e = *examples[i];
    Box box{&e, {}, {}, 0, 0, 1};
    const bool alone = i % 2 == 0 && i + 1 == examples.size();
    box.width = alone ? a.w : half;
    box.columns = alone ? 2 : 1;
    const double inner = box.width - 2 * pad;
    const double col = box.columns == 2 ? (inner - gap) / 2 : inner;
    Run name;
    name.text = e.name;
    name.bold = true;
    std::vector<Run> runs = {name};
    if (e.population) {
      Run pop;
      pop.text = " (" + format_number(static_cast<double>(*e.population)) + " " + PageWords::inhabitants_short + ")";
      runs.push_back(pop);
    }
    TextStyle nt = body();
    nt.color = ps_.accent;
    nt.align = TextAlign::left;
    nt.hyphenate = false;
    box.name = c_.set_runs(runs, inner, nt, r.id + " example " + e.id, e.pos);
    box.text = c_.set_rich(e.text, col, small(), ps_.accent, ps_.accent, r.id + " example " + e.id);
    const double text_h =
        box.columns == 2 ? Composer::balanced_height(box.text, 2, a.h) : Composer::stacked_height(box.text);
    box.height = 2 * pad + box.name.height() + ps_.item_space + text_h;
    boxes.push_back(std::move(box));
  }
  SetBlock examples_label;
  double examples_h = 0;
  if (!boxes.empty()) {
    examples_label = title_block(boxes.size() == 1 ? PageWords::example : PageWords::examples, a.w, ps_.h3,
                                 ps_.accent, r.id + " examples", r.pos);
    examples_h = examples_label.height() + ps_.item_space + ps_.block_space / 2;
    for (size_t i = 0; i < boxes.size(); i += 2) {
      double row = boxes[i].height;
      if (i + 1 < boxes.size()) row = std::max(row, boxes[i + 1].height);
      examples_h += row + (i > 0 ? gap : 0);
    }
  }
  auto draw_examples = [&](int page, double x, double y) {
    y += c_.draw_block(page, x, y, examples_label) + ps_.item_space;
    c_.stroke_line(page, x, y, x + a.w, y, ps_.rule_color, ps_.rule);
    y += ps_.block_space / 2;
    for (size_t i = 0; i < boxes.size(); i += 2) {
      if (i > 0) y += gap;
      double row = boxes[i].height;
      if (i + 1 < boxes.size()) row = std::max(row, boxes[i + 1].height);
      for (size_t k = i; k < std::min(i + 2, boxes.size()); ++k) {
        const Box& box = boxes[k];
        const double bx = x + static_cast<double>(k - i) * (half + gap);
        c_.fill_rect(page, Area{bx, y, box.width, row}, ps_.background_alt);
        c_.fill_rect(page, Area{bx, y, ps_.accent_rule, row}, ps_.accent);
        double ty = y + pad;
        ty += c_.draw_block(page, bx + pad, ty, box.name) + ps_.item_space;
        const double inner = box.width - 2 * pad;
        const double col = box.columns == 2 ? (inner - gap) / 2 : inner;
        const double room = y + row - pad - ty;
        std::vector<Frame> frames = {Frame{page, Area{bx + pad, ty, col, room}}};
        if (box.columns == 2) frames.push_back(Frame{page, Area{bx + pad + col + gap, ty, col, room}});
        c_.flow_into(r.id + " example " + box.example->id, box.example->text.pos, box.text, frames);
      }
      y += row;
    }
  };

  // --- Left page: name, CHIFFRES CLÉS, intro (and the examples). ----------
  double y = a.y;
  if (with_masthead) y += masthead(left, a, true);
  const std::string heading = (r.name_in.empty() ? r.name : r.name_in) + "…";
  SetBlock title = title_block(heading, a.w, ps_.h1, ps_.accent, r.id + " title", r.pos);
  y += c_.draw_block(left, a.x, y, title);
  if (r.population) {
    std::string count = format_count(static_cast<double>(*r.population));
    bool millions = count.find("million") != std::string::npos;
    TextStyle t = body();
    t.color = ps_.muted;
    t.align = TextAlign::left;
    SetBlock pop =
        c_.set_text(count + (millions ? " d’" : " ") + PageWords::inhabitants, a.w, t, r.id + " population", r.pos);
    y += c_.draw_block(left, a.x, y, pop);
  }
  y += ps_.block_space / 2;
  y += accent_rule(left, a.x, y);

  std::vector<const Measure*> keys = key_measures_of(r);
  if (!keys.empty()) {
    SetBlock label = title_block(PageWords::key_figures, a.w, ps_.h3, ps_.accent, r.id + " key figures", r.pos);
    y += c_.draw_block(left, a.x, y, label) + ps_.item_space;
    c_.stroke_line(left, a.x, y, a.right(), y, ps_.rule_color, ps_.rule);
    y += ps_.block_space / 2;
    const double kh = ps_.key_figure_height;
    for (size_t i = 0; i < keys.size(); ++i) {
      const Measure& m = *keys[i];
      ChartDrawing d = layout_key_figure(m, r.figures, pictogram(m.id), *res_.style, half, kh);
      c_.draw_drawing(left, d, a.x + static_cast<double>(i % 2) * (half + gap),
                      y + static_cast<double>(i / 2) * (kh + gap / 2));
    }
    const size_t rows = (keys.size() + 1) / 2;
    y += static_cast<double>(rows) * kh + static_cast<double>(rows - 1) * gap / 2;
    if (!r.figures_source.empty()) {
      TextStyle t = small();
      t.color = ps_.muted;
      t.align = TextAlign::left;
      SetBlock src = c_.set_text(r.figures_source, a.w, t, r.id + " figures source", r.pos);
      y += ps_.item_space + c_.draw_block(left, a.x, y, src);
    }
    y += ps_.block_space;
  }

  // --- Right page: the map, the highlight chart beside the départements,
  // other charts two by two (and the examples); measured before the intro
  // is placed, which depends on it. ---------------------------------------
  double bottom = b.bottom();
  if (with_contacts) bottom -= contact_strip(right, b, true);
  const double rhalf = (b.w - gap) / 2;
  const Chart* highlight = r.charts.empty() ? nullptr : &r.charts.front();
  const bool has_map = res_.geometry && !r.departements.empty();

  // The départements with their towns, one a line: what the map names,
  // with what it cannot place.
  std::vector<SetBlock> deps;
  if (!r.departements.empty() && !(has_map && r.departements.size() == 1)) {
    deps.push_back(title_block(PageWords::departements, rhalf, ps_.h3, ps_.accent, r.id + " départements", r.pos));
    deps.back().flow.space_after = ps_.paragraph_space;
    TextStyle dt = small();
    dt.align = TextAlign::left;
    dt.hyphenate = false;
    for (const Departement& d : r.departements) {
      Run name;
      name.text = d.name + " (" + d.code + ")";
      name.bold = true;
      std::vector<Run> runs = {name};
      if (!d.towns.empty()) {
        Run towns;
        std::string list;
        for (const std::string& t : d.towns) list += (list.empty() ? "" : ", ") + t;
        towns.text = " : " + list;
        runs.push_back(towns);
      }
      deps.push_back(c_.set_runs(runs, rhalf, dt, r.id + " départements", r.pos));
    }
  }
  const double deps_h = Composer::stacked_height(deps);
  std::vector<const Chart*> others;
  for (size_t i = 1; i < r.charts.size(); ++i) others.push_back(&r.charts[i]);
  const double others_h = static_cast<double>((others.size() + 1) / 2) * (ps_.chart_height + ps_.block_space);
  const double row_h_min = std::max(highlight ? ps_.chart_height : 0.0, deps_h);
  // Where the examples go: under the intro when they fit there, except
  // that a right page without charts takes them beside its map (it would
  // be half empty otherwise).
  const bool right_has_charts = highlight || !others.empty();
  const double right_room = bottom - b.y - others_h - (highlight || !deps.empty() ? row_h_min + ps_.block_space : 0);
  const bool right_takes_examples = has_map && !right_has_charts && right_room - examples_h >= ps_.chart_height;
  bool examples_left = false;
  {
    std::vector<SetBlock> intro;
    if (!r.intro.empty()) intro = c_.set_rich(r.intro, half, body(), ps_.accent, ps_.accent, r.id + " intro");
    const double room = a.bottom() - y;
    const double natural = Composer::balanced_height(intro, 2, room);
    const double with_examples = (intro.empty() ? 0 : natural + ps_.block_space) + examples_h;
    examples_left = !boxes.empty() && !right_takes_examples && natural <= room && with_examples <= room;
    if (!intro.empty()) {
      const double h = std::min(room, natural);
      c_.flow_into(r.id + " intro", r.intro.pos, intro,
                   {Frame{left, Area{a.x, y, half, h}}, Frame{left, Area{a.x + half + gap, y, half, h}}});
      y += h + ps_.block_space;
    }
    if (examples_left) draw_examples(left, a.x, y);
  }

  const double examples_right = examples_left || boxes.empty() ? 0 : examples_h + ps_.block_space;
  double row_h = row_h_min;
  double map_h = 0;
  const double room = bottom - b.y - others_h - examples_right;
  if (has_map) {
    // The map takes what is left, up to a square-ish frame.
    const bool row = highlight || !deps.empty();
    map_h = std::min(room - (row ? row_h + ps_.block_space : 0), b.w * (right_has_charts ? 0.85 : 1.0));
    if (map_h < ps_.chart_height * 0.75) {
      diags_->push_back({r.pos, "the spread of '" + r.id + "' does not fit its pages (the map would be " +
                                    std::to_string(static_cast<int>(std::max(0.0, map_h))) + " pt high)"});
      return;
    }
    // A map held to its frame leaves room: the chart row takes some of it.
    if (highlight) row_h = std::max(row_h, std::min(room - map_h - ps_.block_space, ps_.chart_height * 1.5));
  } else if (highlight) {
    row_h = std::max(row_h, std::min(room, ps_.chart_height * 1.5));
  }
  if (row_h > room - (has_map ? map_h + ps_.block_space : 0) + 1e-6) {
    diags_->push_back({r.pos, "the spread of '" + r.id + "' does not fit its pages (" +
                                  std::to_string(static_cast<int>(row_h - room)) + " pt over)"});
    return;
  }
  y = b.y;
  if (has_map) {
    if (res_.maps) {
      c_.draw_drawing(right, *res_.maps->departement_map(r, *res_.style, *res_.geometry, b.w, map_h), b.x, y);
    } else {
      c_.draw_drawing(right, layout_departement_map(r, *res_.style, *res_.geometry, b.w, map_h), b.x, y);
    }
    y += map_h + ps_.block_space;
  }
  if (highlight || !deps.empty()) {
    if (highlight) chart_cell(right, *highlight, b.x, y, deps.empty() ? b.w : rhalf, row_h);
    if (!deps.empty()) c_.draw_stack(right, highlight ? b.x + rhalf + gap : b.x, y, deps);
    y += row_h;
  }
  for (size_t i = 0; i < others.size(); i += 2) {
    y += ps_.block_space;
    const bool pair = i + 1 < others.size();
    chart_cell(right, *others[i], b.x, y, pair ? rhalf : b.w, ps_.chart_height);
    if (pair) chart_cell(right, *others[i + 1], b.x + rhalf + gap, y, rhalf, ps_.chart_height);
    y += ps_.chart_height;
  }
  if (examples_right > 0) draw_examples(right, b.x, y + ps_.block_space);
}

}  // namespace bilan
