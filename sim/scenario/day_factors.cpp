// Shared forecast error (docs/scenario-format.md, "Shared forecast error"): the
// [[day_factor]] tables and the queues' arrivals.day_factor names.
#include <algorithm>
#include <string>

#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

const KeyList kDayFactorKeys{"name", "cv", "interval_cv", "all_queues"};
constexpr const char* kExample = "[[day_factor]] with name = \"voice\", cv = 0.15";

}  // namespace

void read_day_factors(const Ctx& ctx, const toml::table& root, Scenario& sc) {
  const auto* n = root.get("day_factor");
  if (!n) return;
  if (n->is_table()) ctx.fail(*n, "'day_factor' must be a list of tables: write [[day_factor]] with double brackets");
  const auto& arr = need_array(ctx, *n, "day_factor");
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string where = "[[day_factor]] #" + std::to_string(i + 1);
    const auto& t = need_table(ctx, arr[i], where, kExample);
    check_keys(ctx, t, kDayFactorKeys, where);
    DayFactorSpec f;
    f.where = ctx.at(t);
    const auto* name = t.get("name");
    if (!name) missing(ctx, t, where, "name", ", e.g. name = \"voice\"");
    f.name = read_string(ctx, *name, where + " name");
    if (f.name.empty()) ctx.fail(*name, where + " name must not be empty");
    for (const auto& other : sc.day_factors)
      if (other.name == f.name)
        ctx.fail(*name, "day factor '" + f.name + "' is defined twice (first at " + loc_text(other.where) + ")");
    const std::string label = "day_factor '" + f.name + "'";
    if (const auto* v = t.get("cv")) f.cv = read_cv(ctx, *v, label + " cv");
    if (const auto* v = t.get("interval_cv")) f.interval_cv = read_cv(ctx, *v, label + " interval_cv");
    if (!t.get("cv") && !t.get("interval_cv"))
      throw InputError(ctx.at(t), label + " needs cv (the day-to-day spread), interval_cv, or both");
    if (const auto* v = t.get("all_queues")) {
      if (!v->is_boolean()) ctx.fail(*v, label + " all_queues: expected true or false, got " + describe(*v));
      f.all_queues = v->as_boolean()->get();
    }
    sc.day_factors.push_back(std::move(f));
  }
}

void read_day_factor_names(const Ctx& ctx, const toml::node& n, const std::string& what, Arrivals& a) {
  const auto add = [&](const toml::node& e, const std::string& name) {
    const std::string s = read_string(ctx, e, name);
    if (std::find(a.day_factor_names.begin(), a.day_factor_names.end(), s) != a.day_factor_names.end())
      ctx.fail(e, name + " names day factor '" + s + "' twice");
    a.day_factor_names.push_back(s);
    a.day_factor_where.push_back(ctx.at(e));
  };
  if (const auto* arr = n.as_array()) {
    for (std::size_t i = 0; i < arr->size(); ++i) add((*arr)[i], what + "[" + std::to_string(i) + "]");
    return;
  }
  add(n, what);
}

void resolve_day_factors(Scenario& sc) {
  std::vector<std::string> names;
  for (const auto& f : sc.day_factors) names.push_back(f.name);
  const KeyList known(names.begin(), names.end());
  for (auto& q : sc.queues) {
    Arrivals& a = q.arrivals;
    a.day_factors.clear();
    for (std::size_t k = 0; k < a.day_factor_names.size(); ++k) {
      const auto it = std::find(names.begin(), names.end(), a.day_factor_names[k]);
      if (it == names.end()) {
        std::string list;
        for (const auto& nm : names) list += (list.empty() ? "'" : ", '") + nm + "'";
        const std::string hint = did_you_mean(a.day_factor_names[k], known);
        throw InputError(
            a.day_factor_where[k],
            "queue '" + q.name + "' arrivals.day_factor names unknown day factor '" + a.day_factor_names[k] + "'" +
                (!hint.empty()   ? hint
                 : names.empty() ? "; define it with [[day_factor]] name = \"" + a.day_factor_names[k] + "\", cv = 0.1"
                                 : "; day factors are " + list));
      }
      a.day_factors.push_back(static_cast<std::size_t>(it - names.begin()));
    }
    // A recorded trace is one real day: no factor scales it.
    if (a.trace) continue;
    for (std::size_t f = 0; f < sc.day_factors.size(); ++f)
      if (sc.day_factors[f].all_queues &&
          std::find(a.day_factors.begin(), a.day_factors.end(), f) == a.day_factors.end())
        a.day_factors.push_back(f);
  }
}

}  // namespace ccsim::scenario_detail
