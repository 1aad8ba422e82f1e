// The page's inline style sheet and series colours: system fonts only, print-friendly.
#include "sim/html/page_context.hpp"

namespace ccsim::html {

const char* page_css() {
  return R"CSS(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222;
       margin: 0 auto; max-width: 940px; padding: 16px 20px 48px; background: #fafafa; line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
h2 { font-size: 1.3em; border-bottom: 2px solid #1f77b4; padding-bottom: 3px; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
h4 { font-size: 1em; margin: 1.1em 0 0.3em; color: #444; }
p.subtitle { color: #555; margin-top: 0; word-break: break-all; }
nav { background: #fff; border: 1px solid #ddd; padding: 6px 12px; margin: 12px 0; }
nav a { margin-right: 14px; color: #1f5fa0; }
table { border-collapse: collapse; margin: 8px 0 12px; background: #fff; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta td:first-child { font-weight: 600; white-space: nowrap; }
table.meta td { word-break: break-word; }
.met { color: #1a7f37; }
td.met { background: #eaf6ec; }
.miss { color: #b31b1b; font-weight: 600; }
td.miss { background: #fdecec; }
td.note { background: #fff6d6; }
p.misses { color: #b31b1b; }
p.misses::before { content: "\25C6  "; }
p.met::before { content: "\2713  "; }
p.note { color: #555; font-size: 0.9em; }
figure { margin: 10px 0; }
figcaption { font-size: 0.85em; color: #555; }
svg.chart { max-width: 100%; height: auto; display: block; border: 1px solid #e5e5e5; }
section.queue, section.group { border-left: 3px solid #d0dbe8; padding-left: 12px; margin: 14px 0; }
details { margin: 10px 0; }
details.plan { border: 1px solid #ddd; background: #fff; padding: 6px 12px; }
details > summary { cursor: pointer; font-weight: 600; }
pre { background: #fff; border: 1px solid #ddd; padding: 8px; overflow-x: auto; font-size: 0.85em; }
footer { margin-top: 3em; color: #777; font-size: 0.85em; }
@media print { body { background: #fff; max-width: none; } details { display: block; } }
)CSS";
}

const std::string& colour(std::size_t k) {
  static const std::string colours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
                                        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
  return colours[k % (sizeof colours / sizeof colours[0])];
}

}  // namespace ccsim::html
