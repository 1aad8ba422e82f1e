// Distribution tables ({ dist = "lognormal", mean = "240s", sd = "180s" }) and the CSV
// files of empirical distributions.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

using models::DistKind;

struct KindInfo {
  DistKind kind;
  std::string_view name;
  KeyList params;  // keys besides `dist`, all required except empirical's either/or
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> k = {
      {DistKind::exponential, "exponential", {"mean"}},
      {DistKind::lognormal, "lognormal", {"mean", "sd"}},
      {DistKind::gamma, "gamma", {"mean", "sd"}},
      {DistKind::weibull, "weibull", {"shape", "scale"}},
      {DistKind::erlang, "erlang", {"k", "mean"}},
      {DistKind::uniform, "uniform", {"min", "max"}},
      {DistKind::fixed, "fixed", {"value"}},
      {DistKind::empirical, "empirical", {"values", "file"}},
      {DistKind::triangular, "triangular", {"min", "mode", "max"}},
      {DistKind::mixture, "mixture", {"parts"}},
  };
  return k;
}

std::string join(const KeyList& words) {
  std::string s;
  for (const auto w : words) s += (s.empty() ? "" : ", ") + std::string(w);
  return s;
}

bool contains(const KeyList& list, std::string_view w) { return std::find(list.begin(), list.end(), w) != list.end(); }

const char* article(std::string_view name) { return (name[0] == 'e' || name[0] == 'u') ? "an" : "a"; }

// Reads one table's parameters once its kind is known and its keys are checked.
class DistReader {
 public:
  // `index` >= 0: read element `index` of every parameter given as a per-interval list.
  DistReader(const Ctx& ctx, const toml::table& t, const std::string& what, const KindInfo& info, int index)
      : ctx_(ctx), t_(t), what_(what), info_(info), index_(index) {}

  const toml::node& need(std::string_view key) const {
    if (const auto* n = t_.get(key)) {
      // The element keeps its own position in the file, so messages point at it.
      if (index_ >= 0 && n->is_array()) return (*n->as_array())[static_cast<std::size_t>(index_)];
      return *n;
    }
    throw InputError(ctx_.at(t_), what_ + ": " + article(info_.name) + " " + std::string(info_.name) +
                                      " distribution needs '" + std::string(key) + "' (it takes " + join(info_.params) +
                                      ")");
  }
  std::string name(std::string_view key) const {
    const auto* n = t_.get(key);
    const bool listed = index_ >= 0 && n && n->is_array();
    return what_ + "." + std::string(key) + (listed ? "[" + std::to_string(index_) + "]" : "");
  }

  double duration(std::string_view key) const { return capped(need(key), name(key)); }
  double positive_duration(std::string_view key) const {
    const auto& n = need(key);
    const double v = capped(n, name(key));
    if (v <= 0) ctx_.fail(n, name(key) + " must be more than 0, got " + describe(n));
    return v;
  }
  // A distribution's durations: at most 1e10 s (about 317 years), so that sums of handle
  // times and waits stay far inside what the clock resolves.
  double capped(const toml::node& n, const std::string& name) const {
    const double v = read_duration(ctx_, n, name);
    if (v > kMaxDistDuration) ctx_.fail(n, name + " must be at most 1e10s (about 317 years), got " + describe(n));
    return v;
  }

 private:
  const Ctx& ctx_;
  const toml::table& t_;
  const std::string& what_;
  const KindInfo& info_;
  int index_;
};

// sd/mean of a lognormal or gamma: far beyond real use, and inside what the samplers' shape
// (mean^2/sd^2) and log-variance (log1p(sd^2/mean^2)) can represent.
constexpr double kMinCv = 1e-6, kMaxCv = 1000;

void read_mixture(const Ctx& ctx, const toml::node& n, const std::string& what, models::DistSpec& d);

void read_params(const Ctx& ctx, const toml::table& t, const std::string& what, const KindInfo& info,
                 models::DistSpec& d, int index = -1) {
  const DistReader r(ctx, t, what, info, index);
  switch (info.kind) {
    case DistKind::exponential:
      d.mean = r.positive_duration("mean");
      break;
    case DistKind::lognormal:
    case DistKind::gamma: {
      d.mean = r.positive_duration("mean");
      d.sd = r.duration("sd");
      // The sampler's parameters come from sd/mean squared: outside this range they overflow
      // to infinity or zero and the draws become NaN (docs/scenario-format.md).
      const double cv = d.sd / d.mean;
      if (d.sd > 0 && !(cv >= kMinCv && cv <= kMaxCv))
        ctx.fail(r.need("sd"), r.name("sd") + " is " + describe(r.need("sd")) + ", " +
                                   (cv < kMinCv ? "below" : "above") +
                                   " the range this distribution can "
                                   "draw from: sd/mean must be 0 (a fixed value) or from 1e-6 to 1000");
      break;
    }
    case DistKind::weibull: {
      const auto& n = r.need("shape");
      d.shape = read_number(ctx, n, r.name("shape"));
      if (d.shape <= 0) ctx.fail(n, r.name("shape") + " must be more than 0, got " + describe(n));
      d.scale = r.positive_duration("scale");
      if (!std::isfinite(d.theoretical_mean()))
        ctx.fail(n, r.name("shape") + " " + describe(n) +
                        " with this scale gives an infinite mean; "
                        "the shape must be larger");
      break;
    }
    case DistKind::erlang: {
      const auto& n = r.need("k");
      const auto k = read_integer(ctx, n, r.name("k"));
      if (k < 1 || k > 1000000) ctx.fail(n, r.name("k") + " must be a whole number from 1, got " + describe(n));
      d.k = static_cast<int>(k);
      d.mean = r.positive_duration("mean");
      break;
    }
    case DistKind::uniform: {
      d.min = r.duration("min");
      d.max = r.duration("max");
      if (d.max < d.min) {
        ctx.fail(r.need("max"), r.name("max") + " (" + models::format_duration(d.max) +
                                    ") must not be less than min (" + models::format_duration(d.min) + ")");
      }
      break;
    }
    case DistKind::fixed:
      d.value = r.duration("value");
      break;
    case DistKind::triangular: {
      d.min = r.duration("min");
      d.mode = r.duration("mode");
      d.max = r.duration("max");
      if (d.mode < d.min)
        ctx.fail(r.need("mode"), r.name("mode") + " (" + models::format_duration(d.mode) +
                                     ") must not be less than min (" + models::format_duration(d.min) + ")");
      if (d.max < d.mode)
        ctx.fail(r.need("max"), r.name("max") + " (" + models::format_duration(d.max) +
                                    ") must not be less than mode (" + models::format_duration(d.mode) + ")");
      break;
    }
    case DistKind::mixture:
      read_mixture(ctx, r.need("parts"), r.name("parts"), d);
      break;
    case DistKind::empirical: {
      const auto* values = t.get("values");
      const auto* file = t.get("file");
      if (values && file) ctx.fail(*file, what + ": give either 'values' or 'file', not both");
      if (file) {
        d.values = read_csv_values(ctx, *file, r.name("file"));
      } else if (values) {
        const auto& a = need_array(ctx, *values, r.name("values"));
        if (a.empty()) ctx.fail(a, r.name("values") + " is empty; give at least one value");
        for (std::size_t i = 0; i < a.size(); ++i) {
          d.values.push_back(r.capped(a[i], r.name("values") + "[" + std::to_string(i) + "]"));
        }
      } else {
        throw InputError(ctx.at(t), what +
                                        ": an empirical distribution needs 'values' "
                                        "(a list of durations) or 'file' (a CSV file)");
      }
      break;
    }
  }
  // The last guard: whatever the parameters, the draws must have a finite mean.
  if (!std::isfinite(d.theoretical_mean()))
    throw InputError(ctx.at(t), what + ": these parameters give a distribution without a finite mean");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string resolve_path(const Ctx& ctx, const std::string& file) {
  const std::filesystem::path p(file);
  if (p.is_absolute() || ctx.dir.empty()) return file;
  return (std::filesystem::path(ctx.dir) / p).string();
}

// Scenario, trace and empirical files: far above a year of recorded calls.
constexpr std::size_t kMaxInputBytes = std::size_t{512} << 20;

bool read_file(const std::string& path, std::string& out, std::string& why) {
  // Only regular files, and only up to the input limit: /dev/zero would grow memory until
  // the machine runs out, and opening a named pipe blocks until someone writes to it.
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st) &&
      !std::filesystem::is_directory(st)) {
    why = "not a regular file (a device, pipe or socket); give a file";
    return false;
  }
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    why = std::strerror(errno);
    return false;
  }
  out.clear();
  char buf[65536];
  std::size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) {
    out.append(buf, got);
    if (out.size() > kMaxInputBytes) {
      std::fclose(f);
      why = "larger than the input limit of " + std::to_string(kMaxInputBytes >> 20) + " MB";
      return false;
    }
  }
  const bool bad = std::ferror(f) != 0;
  const int err = errno;  // e.g. EISDIR: fopen of a directory succeeds, fread fails
  std::fclose(f);
  if (bad) why = std::strerror(err ? err : EIO);
  // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first line.
  if (!bad && out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);
  return !bad;
}

std::vector<double> read_csv_values(const Ctx& ctx, const toml::node& file_node, const std::string& what) {
  const std::string given = read_string(ctx, file_node, what);
  const std::string path = resolve_path(ctx, given);
  std::string text, why;
  if (!read_file(path, text, why)) {
    ctx.fail(file_node, what + ": cannot read file '" + path + "' (" + why + ")");
  }
  std::vector<double> values;
  bool header_seen = false;
  for_each_csv_row(text, [&](int line, std::string_view row) {
    // First column: up to the first separator (comma, semicolon or tab).
    std::size_t lead = 0;
    while (lead < row.size() && (row[lead] == ' ' || row[lead] == '\t')) ++lead;
    std::string_view cell = row.substr(lead, row.find_first_of(",;\t", lead) - lead);
    cell = trim(cell);
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
      cell = cell.substr(1, cell.size() - 2);
      ++lead;
    }
    const SourceLoc here{path, line, static_cast<int>(lead) + 1};
    std::string err;
    const auto v = models::parse_duration(cell, &err);
    if (v && *v > kMaxDistDuration)
      throw InputError(here,
                       "value " + std::string(cell) + " for " + what + " must be at most 1e10s (about 317 years)");
    if (v) {
      values.push_back(*v);
      return;
    }
    // One non-numeric line before the data is a header ("seconds", "handle_time").
    if (values.empty() && !header_seen && !cell.empty() && std::isalpha(static_cast<unsigned char>(cell.front()))) {
      header_seen = true;
      return;
    }
    throw InputError(here, "bad value \"" + std::string(cell) + "\" for " + what + ": " + err);
  });
  if (values.empty()) ctx.fail(file_node, what + ": file '" + path + "' holds no values");
  return values;
}

namespace {

// A distribution table; `part`: one part of a mixture, which also takes `weight` and may
// not be a mixture itself.
// `by_interval` null: every parameter takes one value. Otherwise a parameter may be a list
// with one value per interval; then *by_interval gets one distribution per interval, the
// list's length is registered in `facts` for the day-length check, and interval 0's
// distribution is returned.
models::DistSpec read_dist_table(const Ctx& ctx, const toml::node& n, const std::string& what, bool part,
                                 std::vector<models::DistSpec>* by_interval = nullptr, Facts* facts = nullptr) {
  const auto& t = need_table(ctx, n, what, "{ dist = \"exponential\", mean = \"120s\" }");
  KeyList names;
  for (const auto& k : kinds()) names.push_back(k.name);
  const auto* dn = t.get("dist");
  if (!dn) {
    throw InputError(ctx.at(t), what + ": missing 'dist' (one of " + join(names) + ")");
  }
  const std::string name = read_string(ctx, *dn, what + ".dist");
  const auto it = std::find_if(kinds().begin(), kinds().end(), [&](const KindInfo& k) { return k.name == name; });
  if (it == kinds().end()) {
    const std::string hint = did_you_mean(name, names);
    ctx.fail(*dn, what + ".dist: unknown distribution '" + name + "'" +
                      (hint.empty() ? "; use one of " + join(names) : hint));
  }
  // A key of another distribution (sd on an exponential) gets its own message: the user
  // probably chose the wrong `dist`, not misspelt the key.
  for (auto&& [k, v] : t) {
    (void)v;
    if (k.str() == "dist" || contains(it->params, k.str()) || (part && k.str() == "weight")) continue;
    for (const auto& other : kinds()) {
      if (contains(other.params, k.str())) {
        throw InputError(ctx.at(k.source()), what + ": '" + std::string(k.str()) + "' does not apply to " +
                                                 article(it->name) + " " + std::string(it->name) +
                                                 " distribution, which takes " + join(it->params));
      }
    }
  }
  KeyList known{"dist"};
  known.insert(known.end(), it->params.begin(), it->params.end());
  if (part) known.push_back("weight");
  check_keys(ctx, t, known, what + " (" + std::string(it->name) + ")");
  if (part && it->kind == DistKind::mixture)
    ctx.fail(*dn, what + ".dist: a part of a mixture cannot be a mixture; list all its parts in one mixture");

  // Per-interval lists: parametric distributions only (an empirical's values and a
  // mixture's parts are lists already).
  const toml::array* first_list = nullptr;
  std::string first_key;
  for (const auto key : it->params) {
    const auto* v = t.get(key);
    if (!v || !v->is_array() || it->kind == DistKind::empirical || it->kind == DistKind::mixture) continue;
    const auto& a = *v->as_array();
    const std::string name = what + "." + std::string(key);
    if (!by_interval)
      ctx.fail(a, name +
                      " takes one value here; per-interval lists are for a queue's handle_time, wrap_up and "
                      "patience and a group's handle_time");
    if (a.empty()) ctx.fail(a, name + " is an empty list; give one value per interval");
    if (!first_list) {
      first_list = &a;
      first_key = name;
      facts->arrays.push_back({name, static_cast<int>(a.size()), ctx.at(a)});
    } else if (a.size() != first_list->size()) {
      ctx.fail(a, name + " has " + std::to_string(a.size()) + " values, but " + first_key + " has " +
                      std::to_string(first_list->size()) + "; per-interval lists must be equally long");
    }
  }

  models::DistSpec d;
  d.kind = it->kind;
  if (first_list) {
    by_interval->clear();
    for (std::size_t i = 0; i < first_list->size(); ++i) {
      models::DistSpec di;
      di.kind = it->kind;
      read_params(ctx, t, what, *it, di, static_cast<int>(i));
      by_interval->push_back(std::move(di));
    }
    return by_interval->front();
  }
  read_params(ctx, t, what, *it, d);
  return d;
}

// parts = [{ weight = 0.1, dist = "fixed", value = "0s" }, { weight = 0.9, dist = ... }]
void read_mixture(const Ctx& ctx, const toml::node& n, const std::string& what, models::DistSpec& d) {
  const auto& a = need_array(ctx, n, what);
  if (a.empty())
    ctx.fail(a, what +
                    " is empty; give the parts, e.g. [{ weight = 0.1, dist = \"fixed\", value = "
                    "\"0s\" }, { weight = 0.9, dist = \"exponential\", mean = \"5m\" }]");
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string name = what + "[" + std::to_string(i) + "]";
    const auto& t = need_table(ctx, a[i], name, "{ weight = 0.9, dist = \"exponential\", mean = \"5m\" }");
    const auto* w = t.get("weight");
    if (!w) throw InputError(ctx.at(t), name + " has no 'weight' (its probability, e.g. weight = 0.1)");
    const double v = read_number(ctx, *w, name + ".weight");
    if (!(v > 0 && v <= 1)) ctx.fail(*w, name + ".weight must be more than 0 and at most 1, got " + describe(*w));
    d.weights.push_back(v);
    d.parts.push_back(read_dist_table(ctx, a[i], name, true));
    sum += v;
  }
  if (std::abs(sum - 1) > 1e-9) {
    std::ostringstream o;
    o.precision(10);
    o << sum;
    ctx.fail(a, what + ": the weights sum to " + o.str() + "; they must sum to 1");
  }
}

}  // namespace

models::DistSpec read_dist(const Ctx& ctx, const toml::node& n, const std::string& what) {
  return read_dist_table(ctx, n, what, false);
}

models::DistSpec read_dist_by_interval(const Ctx& ctx, const toml::node& n, const std::string& what,
                                       std::vector<models::DistSpec>& by_interval, Facts& facts) {
  return read_dist_table(ctx, n, what, false, &by_interval, &facts);
}

}  // namespace ccsim::scenario_detail
