// Typed reads of single TOML values. Each names the key and what was expected, and
// throws at the value's own position, so a user can go straight to the line to fix.
#include <charconv>
#include <cmath>
#include <sstream>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {

SourceLoc Ctx::at(const toml::source_region& r) const {
  if (r.begin.line == 0) return SourceLoc{file, 0, 0};
  return SourceLoc{r.path ? *r.path : file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

void Ctx::fail(const toml::node& n, const std::string& what) const { throw InputError(at(n), what); }

std::string describe(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time of day";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      break;
  }
  std::string s;
  if (const auto* str = n.as_string()) {
    s = "\"" + str->get() + "\"";
  } else if (const auto* f = n.as_floating_point()) {
    char buf[32];  // shortest text that reads back the same: 0.1, not 0.10000000000000001
    const auto r = std::to_chars(buf, buf + sizeof buf, f->get());
    s.assign(buf, r.ptr);
    // 2.0 reads "2.0", not "2": "expected a whole number, got 2" would puzzle.
    if (s.find_first_not_of("-0123456789") == std::string::npos) s += ".0";
  } else {
    std::ostringstream o;
    n.visit([&](auto&& v) { o << v; });  // integers and booleans as TOML writes them
    s = o.str();
  }
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

const toml::table& need_table(const Ctx& ctx, const toml::node& n, const std::string& what,
                              const std::string& example) {
  if (const auto* t = n.as_table()) return *t;
  ctx.fail(n, what + ": expected a table like " + example + ", got " + describe(n));
}

const toml::array& need_array(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* a = n.as_array()) return *a;
  ctx.fail(n, what + ": expected an array like [1, 2, 3], got " + describe(n));
}

std::string read_string(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* s = n.as_string()) return s->get();
  ctx.fail(n, what + ": expected a string in quotes, got " + describe(n));
}

std::int64_t read_integer(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* i = n.as_integer()) return i->get();
  ctx.fail(n, what + ": expected a whole number, got " + describe(n));
}

double read_number(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) {
    if (!std::isfinite(f->get())) ctx.fail(n, what + ": expected a finite number, got " + describe(n));
    return f->get();
  }
  ctx.fail(n, what + ": expected a number, got " + describe(n));
}

double read_duration(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* s = n.as_string()) {
    std::string why;
    const auto v = models::parse_duration(s->get(), &why);
    if (!v) ctx.fail(n, what + ": " + why);
    return *v;
  }
  if (n.is_number()) {
    const double v = read_number(ctx, n, what);
    if (v < 0) ctx.fail(n, what + ": negative duration " + describe(n) + "; a duration must be 0 or more");
    return v;
  }
  ctx.fail(n, what + ": expected a duration like \"240s\" or a number of seconds, got " + describe(n));
}

double read_rate(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* s = n.as_string()) {
    std::string why;
    const auto v = models::parse_rate(s->get(), &why);
    if (!v) ctx.fail(n, what + ": " + why);
    return *v;
  }
  // A bare number is refused: per second or per hour? Planners mean both.
  ctx.fail(n, what + ": expected a rate with its time unit like \"3600/h\" or \"1/s\", got " + describe(n));
}

models::ClockTime read_clock_time(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* s = n.as_string()) {
    std::string why;
    const auto v = models::parse_clock_time(s->get(), &why);
    if (!v) ctx.fail(n, what + ": " + why);
    return *v;
  }
  if (const auto* t = n.as_time()) {  // start = 08:00:00 (a TOML local time)
    const toml::time& c = t->get();
    return {c.hour * 3600.0 + c.minute * 60.0 + c.second + c.nanosecond * 1e-9, true};
  }
  // A number here is most likely seconds or hours meant as a time: say how to write it.
  ctx.fail(n, what + ": expected a clock time like \"08:00\", got " + describe(n) +
                  (n.is_number() ? std::string("; ") + models::kClockHint : std::string()));
}

double read_clock(const Ctx& ctx, const toml::node& n, const std::string& what) {
  return read_clock_time(ctx, n, what).seconds;
}

double read_fraction(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (const auto* s = n.as_string()) {
    std::string why;
    const auto v = models::parse_percent(s->get(), &why);
    if (!v) ctx.fail(n, what + ": " + why);
    return *v;
  }
  if (n.is_number()) {
    const double v = read_number(ctx, n, what);
    if (v < 0 || v > 1) {
      ctx.fail(n, what + ": " + describe(n) + " is not a fraction between 0 and 1; write 0.05 or \"5%\"");
    }
    return v;
  }
  ctx.fail(n, what + ": expected a fraction like 0.05 or a percentage like \"5%\", got " + describe(n));
}

int read_agents_count(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (n.is_floating_point()) ctx.fail(n, what + ": expected a whole number of agents, got " + describe(n));
  const auto v = read_integer(ctx, n, what);
  if (v < 0) ctx.fail(n, what + " must be 0 or more, got " + describe(n));
  if (v > kMaxAgents) ctx.fail(n, what + " must be at most " + std::to_string(kMaxAgents) + ", got " + describe(n));
  return static_cast<int>(v);
}

void missing(const Ctx& ctx, const toml::node& table, const std::string& where, std::string_view key,
             const std::string& hint) {
  throw InputError(ctx.at(table), where + " is missing required key '" + std::string(key) + "'" + hint);
}

const toml::node& later(const toml::node& a, const toml::node& b) {
  const auto& x = a.source().begin;
  const auto& y = b.source().begin;
  // Nodes from --set (another path) count as later than the file's.
  const bool a_set = a.source().path && *a.source().path == "--set";
  const bool b_set = b.source().path && *b.source().path == "--set";
  if (a_set != b_set) return a_set ? a : b;
  if (x.line != y.line) return x.line > y.line ? a : b;
  return x.column > y.column ? a : b;
}

double read_cv(const Ctx& ctx, const toml::node& n, const std::string& name) {
  const double v = n.is_string() ? read_fraction(ctx, n, name) : read_number(ctx, n, name);
  if (v < 0) ctx.fail(n, name + " must be 0 or more, got " + describe(n));
  return v;
}

}  // namespace ccsim::scenario_detail
