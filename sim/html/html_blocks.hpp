#pragma once
// Small HTML builders: tables of escaped cells, headings with anchors, figures, notes.
#include <string>
#include <vector>

namespace ccsim::html {

struct Cell {
  std::string text;   // escaped when written
  std::string cls;    // class attribute ("num", "miss", "met"); empty: none
  std::string title;  // tooltip; empty: none
};

// <table class="CLS"><thead>...</thead><tbody>...</tbody></table>, every text escaped.
std::string table(const std::vector<std::string>& head, const std::vector<std::vector<Cell>>& rows,
                  const std::string& cls = "data");

// <hN id="ID">TEXT</hN>.
std::string heading(int level, const std::string& id, const std::string& text);

// <p class="CLS">TEXT</p> (escaped).
std::string para(const std::string& text, const std::string& cls = "");

// <figure> around a chart (SVG markup, already built) with an escaped caption.
std::string figure(const std::string& svg, const std::string& caption);

// An id usable in HTML and CSS from any text: letters, digits and '-'.
std::string anchor_id(const std::string& text);

}  // namespace ccsim::html
