// Routing rules and caller behaviour (docs/routing.md): the [routing] table, a queue's
// agent_choice, balk and at_close, a group's call_choice (its weights and bonus are read
// with the other per-queue skills in sim/scenario/agents.cpp).
#include <algorithm>
#include <sstream>
#include <string>

#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

const KeyList kRoutingKeys{"call_choice", "agent_choice"};
const KeyList kBalkKeys{"probability"};
const KeyList kTransferKeys{"to", "probability"};
const KeyList kCallbackKeys{"offer_after", "accept"};

double read_probability(const Ctx& ctx, const toml::node& n, const std::string& what) {
  const double p = n.is_string() ? read_fraction(ctx, n, what) : read_number(ctx, n, what);
  if (!(p >= 0 && p <= 1)) ctx.fail(n, what + " must be from 0 to 1, got " + describe(n));
  return p;
}

TransferSpec read_transfer(const Ctx& ctx, const toml::node& n, const std::string& what) {
  const auto& t = need_table(ctx, n, what, "transfer = { to = \"billing\", probability = 0.1 }");
  check_keys(ctx, t, kTransferKeys, what);
  TransferSpec x;
  x.where = ctx.at(n);
  const auto* to = t.get("to");
  if (!to) missing(ctx, t, what, "to", ", e.g. transfer = { to = \"billing\", probability = 0.1 }");
  x.to = read_string(ctx, *to, what + ".to");
  x.to_where = ctx.at(*to);
  const auto* p = t.get("probability");
  if (!p) missing(ctx, t, what, "probability", ", e.g. transfer = { to = \"billing\", probability = 0.1 }");
  x.probability = read_probability(ctx, *p, what + ".probability");
  return x;
}

// A rule's name, one of `names`, with did-you-mean and the list on a miss.
template <class Enum, std::size_t N>
Enum read_rule(const Ctx& ctx, const toml::node& n, const std::string& what,
               const std::array<std::string_view, N>& names) {
  const std::string s = read_string(ctx, n, what);
  for (std::size_t k = 0; k < N; ++k)
    if (s == names[k]) return static_cast<Enum>(k);
  const KeyList known(names.begin(), names.end());
  std::string list;
  for (std::size_t k = 0; k < N; ++k) list += (k ? ", \"" : "\"") + std::string(names[k]) + "\"";
  const std::string hint = did_you_mean(s, known);
  ctx.fail(n, what + ": unknown rule \"" + s + "\"" + (hint.empty() ? "; use one of " + list : hint));
}

}  // namespace

void read_routing(const Ctx& ctx, const toml::table& root, Scenario& sc) {
  const auto* node = root.get("routing");
  if (!node) return;
  const auto& t = need_table(ctx, *node, "routing",
                             "[routing] with call_choice = \"longest_wait\", agent_choice = \"longest_idle\"");
  check_keys(ctx, t, kRoutingKeys, "[routing]");
  sc.routing.where = ctx.at(t);
  if (const auto* n = t.get("call_choice"))
    sc.routing.call_choice = read_rule<models::CallChoice>(ctx, *n, "routing.call_choice", models::kCallChoiceNames);
  if (const auto* n = t.get("agent_choice"))
    sc.routing.agent_choice =
        read_rule<models::AgentChoice>(ctx, *n, "routing.agent_choice", models::kAgentChoiceNames);
}

void read_queue_behaviour(const Ctx& ctx, const toml::table& t, const std::string& label, QueueSpec& q) {
  if (const auto* n = t.get("agent_choice"))
    q.agent_choice = read_rule<models::AgentChoice>(ctx, *n, label + " agent_choice", models::kAgentChoiceNames);
  if (const auto* n = t.get("at_close"))
    q.at_close = read_rule<models::AtClose>(ctx, *n, label + " at_close", models::kAtCloseNames);
  if (const auto* n = t.get("transfer")) {
    const std::string what = label + " transfer";
    if (const auto* arr = n->as_array()) {
      for (std::size_t k = 0; k < arr->size(); ++k)
        q.transfers.push_back(read_transfer(ctx, (*arr)[k], what + "[" + std::to_string(k) + "]"));
    } else {
      q.transfers.push_back(read_transfer(ctx, *n, what));
    }
    double sum = 0;
    for (const auto& x : q.transfers) sum += x.probability;
    if (sum > 1 + 1e-9) {
      std::ostringstream text;
      text << sum;
      ctx.fail(*n, what + ": the probabilities sum to " + text.str() + "; they must sum to at most 1");
    }
  }
  if (const auto* n = t.get("callback")) {
    const std::string what = label + " callback";
    const auto& c = need_table(ctx, *n, what, "callback = { offer_after = \"60s\", accept = 0.4 }");
    check_keys(ctx, c, kCallbackKeys, what);
    CallbackSpec cb;
    cb.where = ctx.at(*n);
    const auto* after = c.get("offer_after");
    if (!after) missing(ctx, c, what, "offer_after", ", e.g. callback = { offer_after = \"60s\", accept = 0.4 }");
    cb.offer_after = read_duration(ctx, *after, what + ".offer_after");
    const auto* accept = c.get("accept");
    if (!accept) missing(ctx, c, what, "accept", ", e.g. callback = { offer_after = \"60s\", accept = 0.4 }");
    cb.accept = read_probability(ctx, *accept, what + ".accept");
    q.callback = cb;
  }
  if (const auto* n = t.get("balk")) {
    const std::string what = label + " balk";
    const auto& b = need_table(ctx, *n, what, "balk = { probability = 0.1 } or balk = { probability = [0, 0.1, 0.3] }");
    check_keys(ctx, b, kBalkKeys, what);
    q.balk_where = ctx.at(*n);
    const auto* p = b.get("probability");
    if (!p) missing(ctx, b, what, "probability", ", e.g. balk = { probability = 0.1 }");
    if (const auto* arr = p->as_array()) {
      if (arr->empty()) ctx.fail(*arr, what + ".probability is empty; give one probability or one per calls waiting");
      if (arr->size() > 10000) ctx.fail(*arr, what + ".probability has more than 10000 entries");
      for (std::size_t k = 0; k < arr->size(); ++k)
        q.balk.push_back(read_probability(ctx, (*arr)[k], what + ".probability[" + std::to_string(k) + "]"));
    } else {
      q.balk.push_back(read_probability(ctx, *p, what + ".probability"));
    }
  }
}

void check_transfers(const Scenario& sc) {
  std::vector<std::string> names;
  for (const auto& q : sc.queues) names.push_back(q.name);
  const KeyList known(names.begin(), names.end());
  for (const auto& q : sc.queues)
    for (const auto& x : q.transfers) {
      if (x.to == q.name)
        throw InputError(x.to_where,
                         "queue '" + q.name + "' transfer.to names the queue itself; a transfer goes to another queue");
      if (std::find(names.begin(), names.end(), x.to) == names.end()) {
        const std::string hint = did_you_mean(x.to, known);
        throw InputError(x.to_where, "queue '" + q.name + "' transfer.to names unknown queue '" + x.to + "'" +
                                         (hint.empty() ? "" : hint));
      }
    }
}

void read_group_routing(const Ctx& ctx, const toml::table& t, const std::string& label, const Scenario& sc,
                        AgentGroupSpec& g) {
  if (const auto* n = t.get("call_choice"))
    g.call_choice = read_rule<models::CallChoice>(ctx, *n, label + " call_choice", models::kCallChoiceNames);
  // Weights and bonus steer only weighted_wait; under another rule they would be ignored
  // without a word, so they are refused.
  const models::CallChoice rule = g.call_choice.value_or(sc.routing.call_choice);
  if (!g.weights_where.file.empty() && rule != models::CallChoice::weighted_wait) {
    throw InputError(g.weights_where, label +
                                          ": weights and bonus apply only with call_choice = \"weighted_wait\"; "
                                          "this group's rule is \"" +
                                          std::string(models::name_of(rule)) +
                                          "\" (set call_choice here or in [routing])");
  }
}

}  // namespace ccsim::scenario_detail
