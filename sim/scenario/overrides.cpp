// --set KEY=VALUE (docs/interfaces.md §2). Overrides edit the parsed TOML tree before validation, so
// an overridden value is checked exactly like one from the file. Every node an override
// makes carries the source path "--set" and its column within the KEY=VALUE argument,
// so a bad value is reported as `--set:1:COL: error: ...`.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "sim/scenario/detail.hpp"

namespace ccsim {
namespace {

const std::string kSet = "--set";

[[noreturn]] void fail_at(std::size_t column, const std::string& what) {
  throw InputError(SourceLoc{kSet, 1, static_cast<int>(column)}, what);
}

struct Segment {
  std::string text;
  std::size_t column;  // 1-based, within KEY=VALUE
};

// Splits "a.b.c" found at `column` of the argument whose key is `key` into its parts.
std::vector<Segment> split(const std::string& s, std::size_t column, const std::string& key) {
  std::vector<Segment> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t dot = s.find('.', from);
    const std::string part = s.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
    if (part.empty()) fail_at(column + from, "empty part in key '" + key + "'");
    out.push_back({part, column + from});
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
  return out;
}

toml::source_region region(std::size_t column, std::size_t length) {
  static const auto path = std::make_shared<const std::string>(kSet);
  toml::source_region r;
  r.begin = {1, static_cast<toml::source_index>(column)};
  r.end = {1, static_cast<toml::source_index>(column + length)};
  r.path = path;
  return r;
}

std::string quote_toml(const std::string& v) {
  bool literal_ok = v.find('\'') == std::string::npos;
  for (const char c : v) literal_ok = literal_ok && static_cast<unsigned char>(c) >= 0x20;
  if (literal_ok) return "'" + v + "'";
  std::string q = "\"";
  for (const char c : v) {
    if (c == '"' || c == '\\') {
      q += '\\';
      q += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      q += buf;
    } else {
      q += c;
    }
  }
  return q + "\"";
}

// The VALUE as a one-key TOML document whose value starts at the same column as in the
// argument, so positions toml++ records are positions in what the user typed.
toml::table value_document(const Override& ov) {
  const std::string pad(ov.key.size() - 1, ' ');
  try {
    auto doc = toml::parse("x" + pad + "=" + ov.value, kSet);
    if (doc.size() == 1 && doc.contains("x")) return doc;
  } catch (const toml::parse_error& e) {
    // Something that was meant as TOML (a list, a table, a quoted string) is an error;
    // anything else ("200s", "refined", "08:00") is the string the user typed.
    const auto first = ov.value.find_first_not_of(" \t");
    if (first != std::string::npos && std::string_view("[{\"'").find(ov.value[first]) != std::string_view::npos) {
      throw InputError(SourceLoc{kSet, 1, static_cast<int>(e.source().begin.column)},
                       "invalid TOML value for '" + ov.key + "': " + std::string(e.description()));
    }
  }
  try {
    return toml::parse("x" + pad + "=" + quote_toml(ov.value), kSet);
  } catch (const toml::parse_error&) {
    toml::table t;  // unreachable in practice; keep the value without a position
    t.insert("x", ov.value);
    return t;
  }
}

// Moves the one value of `doc` into `table` under `leaf`, keeping its source.
void assign(toml::table& table, const Segment& leaf, toml::table& doc) {
  toml::key k(leaf.text, region(leaf.column, leaf.text.size()));
  doc.get("x")->visit([&](auto& v) { table.insert_or_assign(std::move(k), std::move(v)); });
}

std::string name_of(const toml::node& n) {
  if (const auto* t = n.as_table()) {
    if (const auto* s = t->get_as<std::string>("name")) return s->get();
  }
  return {};
}

// The [[queue]] or [[agents]] table named by the start of `rest` ("general.handle_time.mean"),
// the longest matching name first so that names with dots work too.
toml::table& find_named(toml::table& root, const std::string& array_key, const std::string& rest, std::size_t column,
                        std::size_t& name_len) {
  auto* arr = root.get_as<toml::array>(array_key);
  toml::table* best = nullptr;
  scenario_detail::KeyList names;
  std::vector<std::string> owned;
  if (arr) {
    for (auto& e : *arr) owned.push_back(name_of(e));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string& n = owned[i];
      names.push_back(n);
      if (!n.empty() && rest.size() > n.size() && rest.compare(0, n.size(), n) == 0 && rest[n.size()] == '.' &&
          (!best || n.size() > name_len)) {
        best = arr->get(i)->as_table();
        name_len = n.size();
      }
    }
  }
  const std::string kind = array_key == "queue" ? "queue" : array_key == "day_factor" ? "day factor" : "agent group";
  if (best) return *best;
  for (const auto& n : owned) {
    if (n == rest) {
      fail_at(column + rest.size(), "--set " + array_key + "." + rest + " needs a key after the " + kind +
                                        " name, e.g. " + array_key + "." + rest +
                                        (array_key == "queue"        ? ".handle_time.mean=200s"
                                         : array_key == "day_factor" ? ".cv=0.2"
                                                                     : ".staffing=15"));
    }
  }
  const std::string guess = rest.substr(0, rest.find('.'));
  if (guess.empty()) fail_at(column, "empty " + kind + " name in '" + array_key + "." + rest + "'");
  const std::string hint = scenario_detail::did_you_mean(guess, names);
  fail_at(column, "no " + kind + " named '" + guess + "'" + hint);
}

const scenario_detail::KeyList kStaffingKeys{"staffing", "shifts"};
const scenario_detail::KeyList kArrivalSources{"volumes", "rate", "trace"};

// When `leaf` is one of `group`, removes the others from `table`.
void replace_alternatives(toml::table& table, const std::string& leaf, const scenario_detail::KeyList& group) {
  if (std::find(group.begin(), group.end(), leaf) == group.end()) return;
  for (const auto other : group) {
    if (other != leaf) table.erase(other);
  }
}

}  // namespace

Override parse_override(const std::string& arg) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos) {
    fail_at(1, "expected KEY=VALUE, e.g. queue.general.handle_time.mean=200s; got '" + arg + "'");
  }
  if (eq == 0) fail_at(1, "missing KEY before '=' in '" + arg + "'");
  return Override{arg.substr(0, eq), arg.substr(eq + 1)};
}

namespace scenario_detail {

void apply_overrides(toml::table& root, const std::vector<Override>& overrides) {
  for (const Override& ov : overrides) {
    if (ov.key.empty()) fail_at(1, "missing KEY before '='");
    const std::size_t head_end = ov.key.find('.');
    const std::string head = ov.key.substr(0, head_end);
    toml::table* cur = &root;
    std::string label = "the scenario";
    std::vector<Segment> path;
    if (head == "format") {
      path = split(ov.key, 1, ov.key);
      if (path.size() != 1) fail_at(path[1].column, "'format' has no parts; use --set format=1");
    } else if (head == "scenario" || head == "routing") {
      path = split(ov.key, 1, ov.key);
      path.erase(path.begin());
      if (path.empty())
        fail_at(ov.key.size() + 1,
                "--set " + head + " needs a key, e.g. " +
                    (head == "scenario" ? "scenario.replications=10" : "routing.call_choice=longest_wait"));
      if (!root.contains(head)) root.insert(head, toml::table{});
      cur = root.get_as<toml::table>(head);
      if (!cur) fail_at(1, "'" + head + "' in the file is not a table");
      label = "[" + head + "]";
    } else if (head == "queue" || head == "agents" || head == "day_factor") {
      if (head_end == std::string::npos || head_end + 1 == ov.key.size()) {
        fail_at(ov.key.size() + 1, "--set " + head + " needs a name and a key, e.g. " + head +
                                       (head == "queue"        ? ".general.handle_time.mean=200s"
                                        : head == "day_factor" ? ".voice.cv=0.2"
                                                               : ".universal.staffing=15"));
      }
      const std::string rest = ov.key.substr(head_end + 1);
      std::size_t name_len = 0;
      cur = &find_named(root, head, rest, head_end + 2, name_len);
      label = head + " '" + rest.substr(0, name_len) + "'";
      path = split(rest.substr(name_len + 1), head_end + 2 + name_len + 1, ov.key);
    } else {
      const KeyList heads{"scenario", "routing", "queue", "agents", "day_factor", "format"};
      const std::string hint = did_you_mean(head, heads);
      fail_at(1, "cannot set '" + ov.key +
                     "': a key starts with scenario., routing., queue.NAME., agents.NAME., day_factor.NAME. or is "
                     "format" +
                     hint);
    }
    // Walk the tables between the named one and the leaf; only the leaf may be created.
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      toml::node* n = cur->get(path[i].text);
      if (!n) {
        std::vector<std::string> names;
        for (const auto& kv : *cur) names.emplace_back(kv.first.str());
        const KeyList present(names.begin(), names.end());
        const std::string hint = did_you_mean(path[i].text, present);
        if (!hint.empty()) fail_at(path[i].column, label + " has no '" + path[i].text + "'" + hint);
        fail_at(path[i].column, label + " has no '" + path[i].text + "' to set '" + path[i + 1].text +
                                    "' in; set the whole table, e.g. --set '" +
                                    ov.key.substr(0, path[i].column + path[i].text.size() - 1) + "={ ... }'");
      }
      if (!n->is_table()) {
        fail_at(path[i].column, label + " " + path[i].text + " is " + describe(*n) + ", not a table, so it has no '" +
                                    path[i + 1].text + "'");
      }
      cur = n->as_table();
      label += (i == 0 ? " " : ".") + path[i].text;
    }
    // Keys that exclude each other: setting one replaces the other, so that
    // --set agents.team.staffing=12 works on a group the file staffs with shifts.
    const std::string& leaf = path.back().text;
    if (head == "agents" && path.size() == 1) replace_alternatives(*cur, leaf, kStaffingKeys);
    if (head == "queue" && path.size() == 2 && path[0].text == "arrivals")
      replace_alternatives(*cur, leaf, kArrivalSources);
    toml::table doc = value_document(ov);
    assign(*cur, path.back(), doc);
  }
}

}  // namespace scenario_detail
}  // namespace ccsim
