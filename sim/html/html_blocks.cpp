#include "sim/html/html_blocks.hpp"

#include <fmt/format.h>

#include <cctype>

#include "sim/html/html_text.hpp"

namespace ccsim::html {

std::string table(const std::vector<std::string>& head, const std::vector<std::vector<Cell>>& rows,
                  const std::string& cls) {
  std::string s = "<table class=\"" + escape(cls) + "\">";
  bool any_head = false;
  for (const auto& h : head) any_head = any_head || !h.empty();
  if (any_head) {
    s += "<thead><tr>";
    for (const auto& h : head) s.append("<th>").append(escape(h)).append("</th>");
    s += "</tr></thead>";
  }
  s += "<tbody>\n";
  for (const auto& row : rows) {
    s += "<tr>";
    for (const auto& c : row) {
      s += "<td";
      if (!c.cls.empty()) s.append(" class=\"").append(escape(c.cls)).append("\"");
      if (!c.title.empty()) s.append(" title=\"").append(escape(c.title)).append("\"");
      s.append(">").append(escape(c.text)).append("</td>");
    }
    s += "</tr>\n";
  }
  return s + "</tbody></table>\n";
}

std::string heading(int level, const std::string& id, const std::string& text) {
  if (id.empty()) return fmt::format("<h{}>{}</h{}>\n", level, escape(text), level);
  return fmt::format("<h{} id=\"{}\">{}</h{}>\n", level, escape(id), escape(text), level);
}

std::string para(const std::string& text, const std::string& cls) {
  if (cls.empty()) return fmt::format("<p>{}</p>\n", escape(text));
  return fmt::format("<p class=\"{}\">{}</p>\n", escape(cls), escape(text));
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>" + svg + (caption.empty() ? "" : "<figcaption>" + escape(caption) + "</figcaption>") + "</figure>\n";
}

std::string anchor_id(const std::string& text) {
  std::string s;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      s += static_cast<char>(std::tolower(c));
    } else if (!s.empty() && s.back() != '-') {
      s += '-';
    }
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? "x" : s;
}

}  // namespace ccsim::html
