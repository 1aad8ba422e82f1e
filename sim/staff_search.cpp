// The staffing search (docs/staffing.md): Erlang A start, then simulation with common
// random numbers. Phase 1 adds agents where an interval fails (doubling the step while it
// keeps failing); phase 2 takes agents away where that keeps every target, in batches
// tested by simulation and split in halves when a batch breaks something. Scope day then
// removes agents greedily by cost saved per unit of the day's slack used.
#include "sim/staff_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "models/erlang.hpp"
#include "sim/errors.hpp"
#include "sim/replicate.hpp"
#include "sim/target_check.hpp"

namespace ccsim {

Scenario with_staffing(const Scenario& s, const std::vector<std::vector<int>>& staffing) {
  Scenario out = s;
  for (std::size_t g = 0; g < out.groups.size(); ++g) {
    out.groups[g].staffing = staffing[g];
    out.groups[g].shifts.clear();
    out.groups[g].overtime.clear();
  }
  return out;
}

namespace {

using Plan = std::vector<std::vector<int>>;  // [group][interval]

struct Cell {
  std::size_t g, i;
  bool operator==(const Cell& o) const { return g == o.g && i == o.i; }
};

// One simulated staffing and its verdicts.
struct Evaluation {
  Scenario scenario;
  RunModel model;
  std::vector<ReplicationResult> reps;
  RunSummary summary;
  std::vector<bool> interval_ok;          // every queue's targets hold in interval i
  std::vector<std::vector<bool>> queue_fails;  // [queue][interval]
  bool day_ok = true;
};

class Search {
 public:
  Search(const Scenario& s, const StaffOptions& o, StaffResult& out)
      : s_(s), o_(o), out_(out), G_(s.groups.size()), Q_(s.queues.size()),
        I_(static_cast<std::size_t>(s.intervals)) {}

  void run() {
    const RunModel base = compile(s_);
    out_.erlang = erlang_staffing(s_, base, 1'000'000);
    cap_ = o_.max_agents;
    for (std::size_t q = 0; q < Q_; ++q) groups_of_.push_back(base.queues[q].groups);
    Plan plan = out_.erlang.erlang_a;
    caps_.assign(G_, std::vector<int>(I_, cap_));
    for (std::size_t g = 0; g < G_; ++g)
      for (std::size_t i = 0; i < I_; ++i) {
        if (cap_ <= 0) caps_[g][i] = 4 * out_.erlang.erlang_c[g][i] + 20;
        plan[g][i] = std::min(plan[g][i], caps_[g][i]);
      }
    evaluate(plan, best_);

    // Both scopes first meet every interval (which meets the day too); scope day then
    // gives up interval targets where that saves cost and keeps the day's.
    judge_ = StaffScope::interval;
    add_phase(plan);
    if (feasible(best_)) remove_phase(plan);
    judge_ = o_.scope;
    if (judge_ == StaffScope::day && feasible(best_)) day_phase(plan);
    finish(plan);
  }

 private:
  bool feasible(const Evaluation& e) const {
    if (judge_ == StaffScope::day) return e.day_ok;
    return std::all_of(e.interval_ok.begin(), e.interval_ok.end(), [](bool b) { return b; });
  }
  bool budget_left() const { return out_.evaluations < o_.max_evaluations; }

  void evaluate(const Plan& plan, Evaluation& e) {
    ++out_.evaluations;
    e.scenario = with_staffing(s_, plan);
    e.model = compile(e.scenario, o_.extra_thresholds);
    e.reps = replicate(e.model, e.scenario.seed, e.scenario.replications, o_.threads);
    e.summary = summarize_run(e.model, e.reps);
    e.interval_ok.assign(I_, true);
    e.queue_fails.assign(Q_, std::vector<bool>(I_, false));
    e.day_ok = true;
    for (std::size_t q = 0; q < Q_; ++q) {
      const QueueSpec& qs = s_.queues[q];
      for (const Target& t : qs.targets) {
        if (!check_target(t, qs.sl_basis, e.summary.day[q], e.summary.thresholds, o_.confidence).met)
          e.day_ok = false;
        for (std::size_t i = 0; i < I_; ++i)
          if (!check_target(t, qs.sl_basis, e.summary.intervals[q][i], e.summary.thresholds, o_.confidence).met) {
            e.queue_fails[q][i] = true;
            e.interval_ok[i] = false;
          }
      }
    }
  }

  // The cheapest group serving q that is below its cap in interval i (or G_ if none).
  std::size_t cheapest_group(std::size_t q, std::size_t i, const Plan& plan) const {
    std::size_t best = G_;
    for (std::uint32_t g : groups_of_[q]) {
      if (plan[g][i] >= caps_[g][i]) continue;
      if (best == G_ || cost(g) < cost(best)) best = g;
    }
    return best;
  }
  double cost(std::size_t g) const { return s_.groups[g].cost_per_hour.value_or(1.0); }

  // Phase 1: while intervals fail, add agents there (to the cheapest group serving a
  // failing queue); the step doubles while the same interval keeps failing.
  void add_phase(Plan& plan) {
    std::vector<std::vector<int>> step(G_, std::vector<int>(I_, 1));
    while (!feasible(best_) && budget_left()) {
      bool changed = false;
      std::vector<std::vector<bool>> touched(G_, std::vector<bool>(I_, false));
      for (std::size_t q = 0; q < Q_; ++q)
        for (std::size_t i = 0; i < I_; ++i) {
          if (!best_.queue_fails[q][i]) continue;
          const std::size_t g = cheapest_group(q, i, plan);
          if (g == G_ || touched[g][i]) continue;
          touched[g][i] = true;
          plan[g][i] = std::min(plan[g][i] + step[g][i], caps_[g][i]);
          step[g][i] *= 2;
          changed = true;
        }
      for (std::size_t g = 0; g < G_; ++g)
        for (std::size_t i = 0; i < I_; ++i)
          if (!touched[g][i]) step[g][i] = 1;
      if (!changed) {  // every failing interval is at its cap
        out_.capped = true;
        return;
      }
      ++out_.add_rounds;
      evaluate(plan, best_);
    }
  }

  // Phase 2: try one agent fewer in every other interval at once (even intervals, then odd
  // ones), so a failure in interval j points at the removal in j or, through the queue
  // carried over, in j - 1. Those removals are put back and their cells become tight; the
  // rest is simulated again and kept if every target holds (else the next culprits go).
  // Rounds repeat until no cell is left to try.
  void remove_phase(Plan& plan) {
    std::vector<std::vector<bool>> tight(G_, std::vector<bool>(I_, false));
    Evaluation trial;
    for (bool progress = true; progress && budget_left();) {
      progress = false;
      for (std::size_t parity = 0; parity < 2 && budget_left(); ++parity) {
        std::vector<Cell> batch;
        for (const Cell& c : candidates(plan, tight))
          if (c.i % 2 == parity) batch.push_back(c);
        while (!batch.empty() && budget_left()) {
          ++out_.remove_rounds;
          Plan t = plan;
          for (const Cell& c : batch) --t[c.g][c.i];
          evaluate(t, trial);
          if (feasible(trial)) {
            plan = t;
            std::swap(best_, trial);
            progress = true;
            break;
          }
          // Culprits: removals in a failing interval or the interval before one.
          std::vector<Cell> kept;
          for (const Cell& c : batch) {
            bool culprit = false;
            for (std::size_t j = c.i; j < std::min(I_, c.i + 2); ++j) culprit = culprit || !trial.interval_ok[j];
            if (culprit) tight[c.g][c.i] = true;
            else kept.push_back(c);
          }
          if (kept.size() == batch.size()) {  // failures far from every removal: give up on these
            for (const Cell& c : batch) tight[c.g][c.i] = true;
            break;
          }
          batch = std::move(kept);
        }
      }
    }
  }

  // Lowest staffing a search may set: 1 where a queue the group serves first has calls
  // (a planner does not leave a line unstaffed while it rings), else 0.
  int floor_of(const Cell& c) const {
    for (std::size_t q = 0; q < Q_; ++q)
      if (!groups_of_[q].empty() && groups_of_[q][0] == c.g &&
          best_.summary.intervals[q][c.i].offered.mean > 0)
        return 1;
    return 0;
  }

  // One cell per interval: the most expensive group that may lose an agent there.
  std::vector<Cell> candidates(const Plan& plan, const std::vector<std::vector<bool>>& tight) const {
    std::vector<Cell> out;
    for (std::size_t i = 0; i < I_; ++i) {
      std::size_t pick = G_;
      for (std::size_t g = 0; g < G_; ++g) {
        if (tight[g][i] || plan[g][i] <= floor_of({g, i})) continue;
        if (pick == G_ || cost(g) > cost(pick)) pick = g;
      }
      if (pick != G_) out.push_back({pick, i});
    }
    return out;
  }

  // Scope day: from the interval answer, remove agents where it saves the most cost per
  // unit of the day's slack it uses (Erlang A predicts the use, simulation decides). A
  // batch that breaks the day's targets is halved; a single removal that does is final,
  // and two in a row end the search.
  void day_phase(Plan& plan) {
    std::vector<std::vector<bool>> tight(G_, std::vector<bool>(I_, false));
    Evaluation trial;
    std::size_t take = std::numeric_limits<std::size_t>::max();
    int misses = 0;
    while (budget_left()) {
      std::vector<std::pair<double, Cell>> ranked;  // (predicted slack use per cost, cell)
      for (std::size_t g = 0; g < G_; ++g)
        for (std::size_t i = 0; i < I_; ++i) {
          const Cell c{g, i};
          if (tight[g][i] || plan[g][i] <= floor_of(c)) continue;
          ranked.push_back({slack_use(plan, c) / (cost(g) * s_.interval / 3600.0), c});
        }
      if (ranked.empty()) return;
      std::stable_sort(ranked.begin(), ranked.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      // Take the best-ranked cells while their predicted use stays within half the slack.
      std::vector<Cell> batch;
      double used = 0;
      for (const auto& [u, c] : ranked) {
        if (batch.size() >= take) break;
        if (!batch.empty() && used + u * cost(c.g) * s_.interval / 3600.0 > 0.5) break;
        used += u * cost(c.g) * s_.interval / 3600.0;
        if (std::find_if(batch.begin(), batch.end(), [&](const Cell& b) { return b.i == c.i; }) != batch.end())
          continue;  // one cell per interval per round
        batch.push_back(c);
      }
      ++out_.remove_rounds;
      Plan t = plan;
      for (const Cell& c : batch) --t[c.g][c.i];
      evaluate(t, trial);
      if (feasible(trial)) {
        plan = t;
        std::swap(best_, trial);
        take = std::numeric_limits<std::size_t>::max();
        misses = 0;
      } else if (batch.size() == 1) {
        // The best-ranked cell alone breaks the day: the rest are predicted to use more
        // slack, so after two such misses in a row the search stops.
        tight[batch[0].g][batch[0].i] = true;
        if (++misses == 2) return;
      } else {
        take = batch.size() / 2;
      }
    }
  }

  // Predicted share of the day's tightest slack used by one agent fewer at cell c:
  // per target, the Erlang A change of the interval's figure weighted by the interval's
  // share of the day's calls, over the target's slack on the day.
  double slack_use(const Plan& plan, const Cell& c) const {
    double worst = 0;
    for (std::size_t q = 0; q < Q_; ++q) {
      if (groups_of_[q].empty() || groups_of_[q][0] != c.g) continue;
      const QueueSpec& qs = s_.queues[q];
      const double day_offered = best_.summary.day[q].offered.mean;
      const double offered = best_.summary.intervals[q][c.i].offered.mean;
      if (!(day_offered > 0) || !(offered > 0)) continue;
      const double lambda = offered / s_.interval;
      const double aht = (qs.handle_time.theoretical_mean() + (qs.wrap_up ? qs.wrap_up->theoretical_mean() : 0.0)) /
                         s_.groups[c.g].efficiency;
      const double patience = qs.patience ? qs.patience->theoretical_mean() : std::numeric_limits<double>::infinity();
      const double shrink = s_.groups[c.g].shrinkage;
      auto duty = [&](int n) { return n - static_cast<int>(std::floor(n * shrink + 0.5 + 1e-9)); };
      const int n1 = duty(plan[c.g][c.i]), n0 = duty(plan[c.g][c.i] - 1);
      const models::Erlang e1({lambda, aht, std::max(n1, 1), patience});
      const models::Erlang e0({lambda, aht, std::max(n0, 1), patience});
      const bool stable = e0.stable() && e1.stable();
      const double w = offered / day_offered;
      for (const Target& t : qs.targets) {
        const TargetResult r = check_target(t, qs.sl_basis, best_.summary.day[q], best_.summary.thresholds, o_.confidence);
        double slack = 0, delta = 0;
        switch (t.kind) {
          case Target::Kind::service_level:
            slack = r.judged - t.fraction;
            delta = stable ? e1.sl_offered(t.threshold) - e0.sl_offered(t.threshold) : 1;
            break;
          case Target::Kind::asa:
            slack = t.threshold - r.judged;
            delta = stable ? e0.asa() - e1.asa() : t.threshold;
            break;
          case Target::Kind::abandon:
            slack = t.fraction - r.judged;
            delta = stable ? e0.p_abandon() - e1.p_abandon() : 1;
            break;
        }
        const double use = slack > 0 ? w * std::max(delta, 0.0) / slack : 1e9;
        worst = std::max(worst, use);
      }
    }
    return worst;
  }

  void finish(const Plan& plan) {
    out_.staffing = plan;
    out_.scenario = std::move(best_.scenario);
    out_.model = compile(out_.scenario, o_.extra_thresholds);  // points into out_.scenario, not the moved-from one
    out_.reps = std::move(best_.reps);
    out_.summary = std::move(best_.summary);
    out_.feasible = feasible(best_);
    for (std::size_t q = 0; q < Q_; ++q) {
      const QueueSpec& qs = s_.queues[q];
      for (const Target& t : qs.targets) {
        if (o_.scope == StaffScope::day) {
          const TargetResult r = check_target(t, qs.sl_basis, out_.summary.day[q], out_.summary.thresholds, o_.confidence);
          if (!r.met) out_.shortfalls.push_back({qs.name, -1, t.text, r.judged});
          continue;
        }
        for (std::size_t i = 0; i < I_; ++i) {
          const TargetResult r = check_target(t, qs.sl_basis, out_.summary.intervals[q][i], out_.summary.thresholds, o_.confidence);
          if (!r.met) out_.shortfalls.push_back({qs.name, static_cast<int>(i), t.text, r.judged});
        }
      }
    }
  }

  const Scenario& s_;
  const StaffOptions& o_;
  StaffResult& out_;
  const std::size_t G_, Q_, I_;
  int cap_ = 0;
  StaffScope judge_ = StaffScope::interval;  // what the current phase must keep
  std::vector<std::vector<std::uint32_t>> groups_of_;  // per queue, best-ranked first
  std::vector<std::vector<int>> caps_;
  Evaluation best_;  // the current staffing's evaluation
};

}  // namespace

void find_staffing(const Scenario& s, const StaffOptions& o, StaffResult& out) {
  for (const QueueSpec& q : s.queues)
    for (const Target& t : q.targets) {
      const std::string why = unattainable(t, q.patience.has_value());
      if (!why.empty()) throw InputError(t.where, "queue \"" + q.name + "\": " + why);
    }
  Search(s, o, out).run();
}

}  // namespace ccsim
