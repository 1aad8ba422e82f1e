// A queue's money (revenue and call costs) and its service level agreement.
#include "sim/scenario/detail.hpp"

namespace ccsim {

const char* sla_period_name(Sla::Period p) {
  switch (p) {
    case Sla::Period::interval:
      return "interval";
    case Sla::Period::day:
      return "day";
    case Sla::Period::week:
      return "week";
    case Sla::Period::month:
      return "month";
  }
  return "?";
}

namespace scenario_detail {
namespace {

const KeyList kSlaKeys{"period", "days", "target", "penalty", "penalty_per_point"};

// An amount of money: a finite number, 0 or more.
double read_amount(const Ctx& ctx, const toml::node& n, const std::string& what) {
  const double v = read_number(ctx, n, what);
  if (v < 0) ctx.fail(n, what + " must be 0 or more (an amount of money), got " + describe(n));
  return v;
}

Sla read_sla(const Ctx& ctx, const toml::node& n, const std::string& label, const QueueSpec& q) {
  const std::string what = label + " sla";
  const toml::table& t = need_table(
      ctx, n, what,
      "sla = { period = \"month\", days = 30, target = \"80/20\", penalty = 5000, penalty_per_point = 500 }");
  check_keys(ctx, t, kSlaKeys, what);
  Sla sla;
  sla.where = sla.period_where = ctx.at(n);
  if (const auto* p = t.get("period")) {
    const std::string s = read_string(ctx, *p, what + ".period");
    bool found = false;
    for (const auto k : {Sla::Period::interval, Sla::Period::day, Sla::Period::week, Sla::Period::month})
      if (s == sla_period_name(k)) {
        sla.period = k;
        found = true;
      }
    if (!found) {
      const KeyList names{"interval", "day", "week", "month"};
      const std::string hint = did_you_mean(s, names);
      ctx.fail(*p, what + ".period: unknown period \"" + s + "\"" +
                       (hint.empty() ? "; use \"interval\", \"day\", \"week\" or \"month\"" : hint));
    }
    sla.period_where = ctx.at(*p);
  }
  const bool multi_day = sla.period == Sla::Period::week || sla.period == Sla::Period::month;
  sla.days = sla.period == Sla::Period::week ? 7 : sla.period == Sla::Period::month ? 30 : 1;
  if (const auto* d = t.get("days")) {
    if (!multi_day) {
      ctx.fail(*d, what + ".days applies to a week or a month (simulated days per period); a period of \"" +
                       sla_period_name(sla.period) + "\" has none");
    }
    const auto v = read_integer(ctx, *d, what + ".days");
    if (v < 1 || v > 366) ctx.fail(*d, what + ".days must be from 1 to 366, got " + describe(*d));
    sla.days = static_cast<int>(v);
  }
  if (const auto* p = t.get("penalty")) sla.penalty = read_amount(ctx, *p, what + ".penalty");
  if (const auto* p = t.get("penalty_per_point"))
    sla.penalty_per_point = read_amount(ctx, *p, what + ".penalty_per_point");
  if (const auto* g = t.get("target")) {
    const std::string s = read_string(ctx, *g, what + ".target");
    std::string why;
    auto tg = parse_target(s, &why);
    if (!tg) ctx.fail(*g, what + ".target: " + why);
    tg->where = ctx.at(*g);
    sla.target = std::move(*tg);
  } else if (!q.targets.empty()) {
    sla.target = q.targets.front();  // the queue's first target is what it promises
  } else {
    ctx.fail(n, what +
                    " has no target to judge its periods on (a penalty needs one): give sla.target, e.g. "
                    "target = \"80/20\", or the queue's targets");
  }
  return sla;
}

}  // namespace

void read_money(const Ctx& ctx, const toml::table& t, const std::string& label, QueueSpec& q) {
  if (const auto* n = t.get("revenue_per_answered"))
    q.money.revenue_per_answered = read_amount(ctx, *n, label + " revenue_per_answered");
  if (const auto* n = t.get("cost_per_abandon"))
    q.money.cost_per_abandon = read_amount(ctx, *n, label + " cost_per_abandon");
  if (const auto* n = t.get("cost_per_waiting_hour"))
    q.money.cost_per_waiting_hour = read_amount(ctx, *n, label + " cost_per_waiting_hour");
  if (const auto* n = t.get("sla")) q.sla = read_sla(ctx, *n, label, q);
}

}  // namespace scenario_detail
}  // namespace ccsim
