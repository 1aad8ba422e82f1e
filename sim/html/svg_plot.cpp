#include "sim/html/svg_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/html/html_text.hpp"

namespace ccsim::html::svg {

namespace {

constexpr double kLeft = 64, kRight = 16, kTop = 34, kBottom = 46;
constexpr const char* kMissColour = "#d62728";

// Numbers in SVG attributes: fixed, short, locale-free.
std::string f(double v) { return fmt::format("{:.1f}", v); }

std::string tick_text(double v, double step, bool pct) {
  if (pct) {
    const double p = 100 * v, s = 100 * step;
    const int d = s >= 1 ? 0 : s >= 0.1 ? 1 : 2;
    return fmt::format("{:.{}f}%", p, d);
  }
  const int d = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  return number(v, d);
}

// The extent of finite values, widened when empty or flat.
struct Range {
  double lo = INFINITY, hi = -INFINITY;
  void add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  void finish(std::optional<double> fix_lo, std::optional<double> fix_hi) {
    if (lo > hi) lo = 0, hi = 1;
    if (fix_lo) lo = *fix_lo;
    if (fix_hi) hi = *fix_hi;
    if (hi <= lo) {
      const double pad = std::fabs(lo) > 0 ? std::fabs(lo) * 0.1 : 1;
      if (!fix_lo) lo -= pad;
      if (!fix_hi || hi <= lo) hi = lo + 2 * pad;
    }
  }
};

struct Frame {
  double x0, x1, y0, y1;  // plot area in pixels (y0 top)
  double lo, hi;          // y data range
  double y(double v) const { return y1 - (std::clamp(v, lo, hi) - lo) / (hi - lo) * (y1 - y0); }
};

std::string open_svg(const std::string& kind, const std::string& extra, const std::string& title, int w, int h) {
  std::string cls = "chart " + kind + (extra.empty() ? "" : " " + extra);
  return fmt::format(
      "<svg class=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-label=\"{}\"><title>{}</title>\n"
      "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
      cls, w, h, w, h, escape(title), escape(title), w, h);
}

// Horizontal grid lines with their labels, the y label, the frame.
std::string y_axis(const Frame& fr, const std::vector<double>& ticks, bool pct, const std::string& label) {
  std::string s;
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  for (double t : ticks) {
    if (t < fr.lo - 1e-12 || t > fr.hi + 1e-12) continue;
    const double y = fr.y(t);
    s += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#e3e3e3\"/>", f(fr.x0),
                     f(fr.x1), f(y), f(y));
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\">{}</text>\n",
                     f(fr.x0 - 6), f(y + 4), escape(tick_text(t, step, pct)));
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", f(fr.x0),
                   f(fr.y0), f(fr.x1 - fr.x0), f(fr.y1 - fr.y0));
  if (!label.empty())
    s += fmt::format(
        "<text x=\"14\" y=\"{}\" transform=\"rotate(-90 14 {})\" text-anchor=\"middle\" font-size=\"12\" "
        "fill=\"#333\">{}</text>\n",
        f((fr.y0 + fr.y1) / 2), f((fr.y0 + fr.y1) / 2), escape(label));
  return s;
}

struct LegendItem {
  std::string name, colour;
  bool dashed = false;
};

// Items laid out left to right from x0, wrapping before x1; rows() tells the height used.
struct Legend {
  std::vector<LegendItem> items;
  static double item_width(const LegendItem& it) { return 22 + 6.2 * static_cast<double>(it.name.size()) + 16; }
  int rows(double x0, double x1) const {
    int r = items.empty() ? 0 : 1;
    double x = x0;
    for (const auto& it : items) {
      if (x + item_width(it) > x1 && x > x0) ++r, x = x0;
      x += item_width(it);
    }
    return r;
  }
  std::string render(double x0, double x1, double y) const {
    std::string s = "<g class=\"legend\">";
    double x = x0;
    for (const auto& it : items) {
      if (x + item_width(it) > x1 && x > x0) x = x0, y += 16;
      s += fmt::format(
          "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"3\"{}/>"
          "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#333\">{}</text>",
          f(x), f(x + 18), f(y - 4), f(y - 4), escape(it.colour), it.dashed ? " stroke-dasharray=\"5 3\"" : "",
          f(x + 22), f(y), escape(it.name));
      x += item_width(it);
    }
    return s + "</g>\n";
  }
};

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int count) {
  std::vector<double> out;
  if (!std::isfinite(lo) || !std::isfinite(hi) || hi <= lo || count < 1) return out;
  const double raw = (hi - lo) / count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
    out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

std::string line_chart(const LineChart& c) {
  const std::size_t n = c.x_labels.size();
  Range r;
  for (const auto& s : c.series) {
    for (double v : s.y) r.add(v);
    for (double v : s.lo) r.add(v);
    for (double v : s.hi) r.add(v);
  }
  if (c.target) r.add(*c.target);
  if (!c.y_min && r.lo >= 0) r.add(0);  // start at 0 unless told otherwise
  r.finish(c.y_min, c.y_max);
  const auto ticks = nice_ticks(r.lo, r.hi, 5);
  if (!c.y_max && !ticks.empty() && ticks.back() < r.hi)
    r.hi = ticks.back() + (ticks.size() > 1 ? ticks[1] - ticks[0] : 0);
  Legend lg;
  for (const auto& se : c.series)
    if (!se.name.empty()) lg.items.push_back({se.name, se.colour, se.dashed});
  if (c.target) lg.items.push_back({c.target_label.empty() ? "target" : c.target_label, kMissColour, true});
  if (!c.missed.empty()) lg.items.push_back({"\u25C6 missed", kMissColour, false});
  const int legend_rows = lg.rows(kLeft, c.width - kRight);
  const double top = legend_rows <= 1 ? kTop : kTop + 16.0 * (legend_rows - 1);
  Frame fr{kLeft, c.width - kRight, top, c.height - kBottom + (top - kTop), r.lo, r.hi};
  const int height = c.height + static_cast<int>(top - kTop);
  const double cw = n ? (fr.x1 - fr.x0) / static_cast<double>(n) : 1;
  auto xc = [&](std::size_t i) { return fr.x0 + (static_cast<double>(i) + 0.5) * cw; };

  std::string s = open_svg("chart-line", c.css_class, c.title, c.width, height);
  s += y_axis(fr, ticks, c.percent, c.y_label);
  // x labels: as many as fit, about 44 px apart.
  // Labels every k-th position when all are given; else the non-empty ones that fit.
  bool all_labels = true;
  for (const auto& l : c.x_labels) all_labels = all_labels && !l.empty();
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(44.0 / cw)));
  double last_x = -1e9;
  for (std::size_t i = 0; i < n; ++i) {
    if (all_labels ? i % every != 0 : c.x_labels[i].empty() || xc(i) - last_x < 44) continue;
    last_x = xc(i);
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">{}</text>",
                     f(xc(i)), f(fr.y1 + 16), escape(c.x_labels[i]));
  }
  s += "\n";
  for (std::size_t x : c.separators) {
    if (x == 0 || x >= n) continue;
    const double px = fr.x0 + static_cast<double>(x) * cw;
    s += fmt::format(
        "<line class=\"sep\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#888\" stroke-dasharray=\"2 3\"/>", f(px),
        f(px), f(fr.y0), f(fr.y1));
  }
  // CI bands (or whiskers) first, under the lines.
  for (const auto& se : c.series) {
    if (se.lo.size() != se.y.size() || se.hi.size() != se.y.size()) continue;
    if (c.whiskers) {
      for (std::size_t i = 0; i < se.y.size() && i < n; ++i) {
        if (!std::isfinite(se.lo[i]) || !std::isfinite(se.hi[i])) continue;
        s += fmt::format(
            "<path class=\"ci\" d=\"M{} {}V{}M{} {}H{}M{} {}H{}\" stroke=\"{}\" stroke-width=\"1.5\" fill=\"none\"/>",
            f(xc(i)), f(fr.y(se.lo[i])), f(fr.y(se.hi[i])), f(xc(i) - 4), f(fr.y(se.lo[i])), f(xc(i) + 4), f(xc(i) - 4),
            f(fr.y(se.hi[i])), f(xc(i) + 4), escape(se.colour));
      }
      continue;
    }
    std::size_t i = 0;
    while (i < se.y.size() && i < n) {
      if (!std::isfinite(se.lo[i]) || !std::isfinite(se.hi[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < se.y.size() && j < n && std::isfinite(se.lo[j]) && std::isfinite(se.hi[j])) ++j;
      std::string pts;
      for (std::size_t k = i; k < j; ++k) pts += f(xc(k)) + "," + f(fr.y(se.hi[k])) + " ";
      for (std::size_t k = j; k-- > i;) pts += f(xc(k)) + "," + f(fr.y(se.lo[k])) + " ";
      if (j - i == 1) {  // a lone point: a short vertical bar
        s += fmt::format(
            "<rect class=\"ci\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" opacity=\"0.2\"/>",
            f(xc(i) - cw / 4), f(fr.y(se.hi[i])), f(cw / 2), f(fr.y(se.lo[i]) - fr.y(se.hi[i])), escape(se.colour));
      } else {
        s += fmt::format("<polygon class=\"ci\" points=\"{}\" fill=\"{}\" opacity=\"0.2\"/>", pts, escape(se.colour));
      }
      i = j;
    }
  }
  s += "\n";
  if (c.target) {
    const double y = fr.y(*c.target);
    s += fmt::format(
        "<line class=\"target\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"6 4\"><title>{}</title></line>\n",
        f(fr.x0), f(fr.x1), f(y), f(y), kMissColour, escape(c.target_label));
  }
  for (const auto& se : c.series) {
    std::string d;
    bool pen = false;
    for (std::size_t i = 0; i < se.y.size() && i < n; ++i) {
      if (!std::isfinite(se.y[i])) {
        pen = false;
        continue;
      }
      const double y = fr.y(se.y[i]);
      if (se.step) {
        const double xa = fr.x0 + static_cast<double>(i) * cw, xb = xa + cw;
        d += pen ? fmt::format("V{}H{}", f(y), f(xb)) : fmt::format("M{} {}H{}", f(xa), f(y), f(xb));
      } else {
        d += fmt::format("{}{} {}", pen ? "L" : "M", f(xc(i)), f(y));
      }
      pen = true;
    }
    if (!d.empty())
      s += fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", d,
                       escape(se.colour), se.dashed ? " stroke-dasharray=\"5 3\"" : "");
    if (se.dots)
      for (std::size_t i = 0; i < se.y.size() && i < n; ++i)
        if (std::isfinite(se.y[i]))
          s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>", f(xc(i)), f(fr.y(se.y[i])),
                           escape(se.colour));
  }
  for (const auto& m : c.missed) {
    if (m.x >= n || !std::isfinite(m.y)) continue;
    const double x = xc(m.x), y = fr.y(m.y);
    // A red diamond: colour and shape both say "missed".
    s += fmt::format(
        "<path class=\"miss\" d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\">"
        "<title>{}</title></path>",
        f(x), f(y - 6), f(x + 6), f(y), f(x), f(y + 6), f(x - 6), f(y), kMissColour, escape(m.title));
  }
  s += lg.render(kLeft, c.width - kRight, 18);
  return s + "</svg>\n";
}

std::string bar_chart(const BarChart& c) {
  Range r;
  r.add(0);
  for (const auto& b : c.bars) {
    r.add(b.value);
    if (std::isfinite(b.ci)) r.add(b.value + b.ci), r.add(b.value - b.ci);
  }
  r.finish(std::nullopt, std::nullopt);
  const auto ticks = nice_ticks(r.lo, r.hi, 5);
  if (!ticks.empty() && ticks.back() < r.hi) r.hi = ticks.back() + (ticks.size() > 1 ? ticks[1] - ticks[0] : 0);
  if (!ticks.empty() && ticks.front() > r.lo) r.lo = ticks.front() - (ticks.size() > 1 ? ticks[1] - ticks[0] : 0);
  Frame fr{kLeft, c.width - kRight, kTop - 14, c.height - kBottom, r.lo, r.hi};
  const std::size_t n = c.bars.size();
  const double cw = n ? (fr.x1 - fr.x0) / static_cast<double>(n) : 1;
  const double bw = std::min(cw * 0.6, 90.0);
  std::string s = open_svg("chart-bar", c.css_class, c.title, c.width, c.height);
  s += y_axis(fr, ticks, c.percent, c.y_label);
  const double zero = fr.y(0);
  for (std::size_t i = 0; i < n; ++i) {
    const Bar& b = c.bars[i];
    const double xc = fr.x0 + (static_cast<double>(i) + 0.5) * cw;
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{}</text>", f(xc),
                     f(fr.y1 + 16), escape(b.label));
    if (!std::isfinite(b.value)) continue;
    const double y = fr.y(b.value);
    const std::string tip =
        fmt::format("{}: {} {}", b.label, c.percent ? percent(b.value) : number(b.value, 0),
                    std::isfinite(b.ci) && b.ci > 0 ? plus_minus(b.ci, c.percent, c.percent ? 1 : 0) : "");
    s += fmt::format(
        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
        f(xc - bw / 2), f(std::min(y, zero)), f(bw), f(std::fabs(zero - y)), escape(b.colour), escape(tip));
    if (std::isfinite(b.ci) && b.ci > 0) {
      const double ya = fr.y(b.value - b.ci), yb = fr.y(b.value + b.ci);
      s += fmt::format(
          "<path class=\"ci\" d=\"M{} {}V{}M{} {}H{}M{} {}H{}\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>",
          f(xc), f(ya), f(yb), f(xc - 6), f(ya), f(xc + 6), f(xc - 6), f(yb), f(xc + 6));
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#222\">{}</text>\n",
                     f(xc + bw / 2 + 2 < xc + cw / 2 ? xc : xc), f(std::min(y, zero) - 4 - (b.ci > 0 ? 0 : 0)),
                     escape(c.percent ? percent(b.value) : number(b.value, 0)));
  }
  return s + "</svg>\n";
}

std::string histogram(const Histogram& h) {
  std::vector<double> v;
  for (double x : h.values)
    if (std::isfinite(x)) v.push_back(x);
  Range r;
  for (double x : v) r.add(x);
  if (h.target) r.add(*h.target);
  r.finish(std::nullopt, std::nullopt);
  const int bins = std::max(1, h.bins);
  const double width = (r.hi - r.lo) / bins;
  std::vector<int> count(static_cast<std::size_t>(bins), 0);
  for (double x : v) {
    int b = static_cast<int>(std::floor((x - r.lo) / width));
    count[static_cast<std::size_t>(std::clamp(b, 0, bins - 1))]++;
  }
  const int most = count.empty() ? 1 : std::max(1, *std::max_element(count.begin(), count.end()));
  auto ticks = nice_ticks(0, most, 4);
  double top = most;
  if (!ticks.empty() && ticks.back() < most) top = ticks.back() + (ticks.size() > 1 ? ticks[1] - ticks[0] : 1);
  Frame fr{kLeft, h.width - kRight, kTop - 14, h.height - kBottom, 0, top};
  std::string s = open_svg("chart-hist", h.css_class, h.title, h.width, h.height);
  s += y_axis(fr, ticks, false, "replications");
  auto xp = [&](double x) { return fr.x0 + (x - r.lo) / (r.hi - r.lo) * (fr.x1 - fr.x0); };
  for (int b = 0; b < bins; ++b) {
    const double a = r.lo + b * width, z = a + width;
    const bool miss = h.target && (h.higher_is_better ? z <= *h.target + 1e-12 : a >= *h.target - 1e-12);
    const int k = count[static_cast<std::size_t>(b)];
    if (k == 0) continue;
    const std::string range = h.percent ? percent(a) + "–" + percent(z) : number(a, 2) + "–" + number(z, 2);
    s += fmt::format(
        "<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\">"
        "<title>{}: {} replication{}</title></rect>",
        miss ? " miss" : "", f(xp(a)), f(fr.y(k)), f(xp(z) - xp(a)), f(fr.y1 - fr.y(k)), miss ? kMissColour : "#1f77b4",
        escape(range), k, k == 1 ? "" : "s");
  }
  s += "\n";
  const auto xt = nice_ticks(r.lo, r.hi, 6);
  const double step = xt.size() > 1 ? xt[1] - xt[0] : 1;
  for (double t : xt)
    if (t >= r.lo - 1e-12 && t <= r.hi + 1e-12)
      s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">{}</text>",
                       f(xp(t)), f(fr.y1 + 16), escape(tick_text(t, step, h.percent)));
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">{}</text>\n",
                   f((fr.x0 + fr.x1) / 2), f(fr.y1 + 36), escape(h.x_label));
  if (h.target) {
    const double x = xp(*h.target);
    s += fmt::format(
        "<line class=\"target\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#222\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#222\">target {}</text>\n",
        f(x), f(x), f(fr.y0), f(fr.y1), f(x + 4), f(fr.y0 + 12),
        escape(h.percent ? percent(*h.target, 0) : number(*h.target, 1)));
  }
  return s + "</svg>\n";
}

}  // namespace ccsim::html::svg
