// Targets in the words planners use ("80/20", "asa<=30s", "abandon<=5%") and sl_basis.
#include <cctype>
#include <charconv>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<double> plain_number(std::string_view s) {
  s = trim(s);
  double v = 0;
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.')) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "KEYWORD <= VALUE" -> VALUE, when `lower` starts with the keyword.
std::optional<std::string_view> after_keyword(std::string_view text, std::string_view lower, std::string_view keyword) {
  if (lower.substr(0, keyword.size()) != keyword) return std::nullopt;
  std::string_view rest = trim(text.substr(keyword.size()));
  if (rest.substr(0, 2) != "<=") return std::nullopt;
  return trim(rest.substr(2));
}

std::optional<Target> fail(std::string* why, std::string reason) {
  if (why) *why = std::move(reason);
  return std::nullopt;
}

}  // namespace

std::optional<Target> parse_target(std::string_view text, std::string* why) {
  const std::string_view t = trim(text);
  std::string lower(t);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string q = "\"";  // built by appending: GCC 12 warns falsely on "\"" + string
  q.append(t).append("\"");
  Target out;
  out.text = std::string(t);
  std::string err;

  if (const auto v = after_keyword(t, lower, "asa")) {
    const auto d = models::parse_duration(*v, &err);
    if (!d) return fail(why, "cannot read the time in " + q + ": " + err);
    out.kind = Target::Kind::asa;
    out.threshold = *d;
    return out;
  }
  if (const auto v = after_keyword(t, lower, "abandon")) {
    std::optional<double> f;
    if (!v->empty() && v->back() == '%') {
      f = models::parse_percent(*v, &err);
      if (!f) return fail(why, "cannot read the cap in " + q + ": " + err);
    } else {
      f = plain_number(*v);
      if (!f || *f > 1) {
        return fail(why, "cannot read the cap in " + q +
                             "; write a percentage like \"abandon<=5%\" or a fraction like "
                             "\"abandon<=0.05\"");
      }
    }
    out.kind = Target::Kind::abandon;
    out.fraction = *f;
    return out;
  }
  const std::size_t slash = t.find('/');
  if (slash != std::string_view::npos) {
    std::string_view pct = trim(t.substr(0, slash));
    if (!pct.empty() && pct.back() == '%') pct.remove_suffix(1);
    const auto p = plain_number(pct);
    if (p) {
      if (*p <= 0 || *p > 100) {
        return fail(why, "the share in " + q + " must be more than 0% and at most 100%");
      }
      const auto d = models::parse_duration(t.substr(slash + 1), &err);
      if (!d) return fail(why, "cannot read the time in " + q + ": " + err);
      out.kind = Target::Kind::service_level;
      out.fraction = *p / 100.0;
      out.threshold = *d;
      return out;
    }
  }
  return fail(why, "cannot read target " + q +
                       "; write \"80/20\" (80% answered within 20 s), \"asa<=30s\" or "
                       "\"abandon<=5%\"");
}

const char* sl_basis_name(SlBasis b) {
  switch (b) {
    case SlBasis::offered:
      return "offered";
    case SlBasis::answered:
      return "answered";
    case SlBasis::refined:
      return "refined";
    case SlBasis::abandoned_met:
      return "abandoned_met";
  }
  return "?";
}

const char* sl_estimator_name(SlEstimator e) {
  switch (e) {
    case SlEstimator::daily_mean:
      return "daily_mean";
    case SlEstimator::long_run:
      return "long_run";
  }
  return "?";
}

namespace scenario_detail {

std::vector<Target> read_targets(const Ctx& ctx, const toml::node& n, const std::string& what) {
  std::vector<const toml::node*> items;
  if (const auto* a = n.as_array()) {
    for (const auto& e : *a) items.push_back(&e);
  } else if (n.is_string()) {
    items.push_back(&n);  // targets = "80/20" reads as a list of one
  } else {
    ctx.fail(n, what + ": expected a list of targets like [\"80/20\", \"asa<=30s\"], got " + describe(n));
  }
  std::vector<Target> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string name = n.is_array() ? what + "[" + std::to_string(i) + "]" : what;
    const std::string s = read_string(ctx, *items[i], name);
    std::string why;
    auto t = parse_target(s, &why);
    if (!t) ctx.fail(*items[i], name + ": " + why);
    t->where = ctx.at(*items[i]);
    out.push_back(std::move(*t));
  }
  return out;
}

SlBasis read_sl_basis(const Ctx& ctx, const toml::node& n, const std::string& what) {
  const std::string s = read_string(ctx, n, what);
  for (const SlBasis b : {SlBasis::offered, SlBasis::answered, SlBasis::refined, SlBasis::abandoned_met}) {
    if (s == sl_basis_name(b)) return b;
  }
  const KeyList names{"offered", "answered", "refined", "abandoned_met"};
  const std::string hint = did_you_mean(s, names);
  ctx.fail(n, what + ": unknown basis \"" + s + "\"" +
                  (hint.empty() ? "; use \"offered\", \"answered\", \"refined\" or \"abandoned_met\"" : hint));
}

SlEstimator read_sl_estimator(const Ctx& ctx, const toml::node& n, const std::string& what) {
  const std::string s = read_string(ctx, n, what);
  for (const SlEstimator e : {SlEstimator::daily_mean, SlEstimator::long_run}) {
    if (s == sl_estimator_name(e)) return e;
  }
  const KeyList names{"daily_mean", "long_run"};
  const std::string hint = did_you_mean(s, names);
  ctx.fail(n,
           what + ": unknown estimator \"" + s + "\"" + (hint.empty() ? "; use \"daily_mean\" or \"long_run\"" : hint));
}

}  // namespace scenario_detail
}  // namespace ccsim
