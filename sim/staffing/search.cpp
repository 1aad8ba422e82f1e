// The staffing optimiser (docs/staffing.md, "The method"):
//   1. start: Erlang A per queue, then agents added where intervals fail -> a feasible plan;
//   2. cutting planes: finite-difference cuts from simulation at each iterate, the cut
//      model's integer optimum is the next iterate and its bound the lower bound;
//   3. local improvement: removals and trades between groups (k of one for j of another),
//      batched over every other interval, until a pass saves under 0.1%;
//   4. refinement: close verdicts at the answer and one agent below it get more
//      replications on the same streams (plans near the answer judged paired with it),
//      and the answer moves where they flip.
// Every verdict comes from PlanJudge, so all phases judge alike.
#include "sim/staffing/search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "models/units.hpp"
#include "sim/compile/compile.hpp"
#include "sim/scenario/errors.hpp"
#include "sim/staffing/cuts.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

struct Cell {
  std::size_t g, i;
};

class Search {
 public:
  Search(const Scenario& s, const StaffOptions& o, StaffResult& out, const StaffPlan* start = nullptr)
      : start_(start),
        s_(s),
        o_(o),
        out_(out),
        G_(s.groups.size()),
        Q_(s.queues.size()),
        I_(static_cast<std::size_t>(s.intervals)),
        R0_(s.replications),
        judge_(s, o.scope, o.confidence, o.threads, o.extra_thresholds) {}

  void run() {
    const RunModel base = compile(s_);
    out_.erlang = erlang_staffing(s_, base, 1'000'000);
    for (std::size_t q = 0; q < Q_; ++q) groups_of_.push_back(base.queues[q].groups);
    // Cap per cell: generous enough for any one group to carry every queue alone.
    caps_.assign(G_, std::vector<int>(I_, o_.max_agents));
    for (std::size_t i = 0; i < I_; ++i) {
      int total_c = 0;
      for (std::size_t g = 0; g < G_; ++g) total_c += out_.erlang.erlang_c[g][i];
      for (std::size_t g = 0; g < G_; ++g)
        if (o_.max_agents <= 0) caps_[g][i] = 4 * total_c + 20;
    }
    StaffPlan plan = start_ ? *start_ : out_.erlang.erlang_a;
    for (std::size_t g = 0; g < G_; ++g)
      for (std::size_t i = 0; i < I_; ++i) plan[g][i] = std::min(plan[g][i], caps_[g][i]);

    PlanEvaluation start = eval(plan);
    add_phase(start);
    if (start.feasible) {
      best_ = start;
      // Scope day starts from the interval answer (which meets the day too, so day never
      // costs more); its cuts would be apportioned guesses, so it improves by moves alone.
      if (o_.scope == StaffScope::interval) cut_phase();
      local_phase();
      if (o_.max_replications > R0_) refine_phase();
    } else {
      best_ = start;
    }
    finish();
  }

 private:
  bool budget_left() const { return judge_.simulations() < o_.max_evaluations; }
  double unit(std::size_t g) const { return judge_.unit_cost(g); }

  PlanEvaluation eval(const StaffPlan& p, int reps = 0) {
    PlanEvaluation e = judge_.evaluate(p, reps > 0 ? reps : R0_);
    note(e);
    return e;
  }
  // Remember a feasible plan (at the base replications) as the incumbent if cheaper, and
  // tell the cut model it must never exclude it.
  void note(const PlanEvaluation& e) {
    if (!e.feasible || e.replications != R0_) return;
    if (cuts_) {
      cuts_->keep_feasible(flat(e.plan));
      bound_cuts_->keep_feasible(flat(e.plan));
    }
    if (!best_.plan.empty() && best_.feasible && best_.cost <= e.cost + 1e-9) return;
    if (!best_.plan.empty() && best_.replications != R0_) return;  // refinement owns best_ then
    best_ = e;
  }

  std::vector<int> flat(const StaffPlan& p) const {
    std::vector<int> v;
    for (const auto& row : p) v.insert(v.end(), row.begin(), row.end());
    return v;
  }
  StaffPlan unflat(const std::vector<int>& v) const {
    StaffPlan p(G_, std::vector<int>(I_, 0));
    for (std::size_t g = 0; g < G_; ++g)
      for (std::size_t i = 0; i < I_; ++i) p[g][i] = v[g * I_ + i];
    return p;
  }

  // Constraints failing in interval i (any queue) of e.
  bool interval_fails(const PlanEvaluation& e, std::size_t i) const {
    const auto& cs = judge_.constraints();
    for (std::size_t c = 0; c < cs.size(); ++c)
      if (!e.values[c].met() && (cs[c].interval < 0 || static_cast<std::size_t>(cs[c].interval) == i)) return true;
    return false;
  }

  // The cheapest group serving q that is below its cap in interval i (or G_ if none).
  std::size_t cheapest_group(std::size_t q, std::size_t i, const StaffPlan& plan) const {
    std::size_t best = G_;
    for (std::uint32_t g : groups_of_[q]) {
      if (plan[g][i] >= caps_[g][i]) continue;
      if (best == G_ || unit(g) < unit(best)) best = g;
    }
    return best;
  }

  // Cells to add to: each failing (queue, interval); for a day target, the interval with
  // the most calls per agent serving the queue.
  std::vector<std::pair<std::size_t, std::size_t>> failing_cells(const PlanEvaluation& e) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;  // (queue, interval)
    const auto& cs = judge_.constraints();
    for (std::size_t c = 0; c < cs.size(); ++c) {
      if (e.values[c].met()) continue;
      if (cs[c].interval >= 0) {
        out.push_back({cs[c].queue, static_cast<std::size_t>(cs[c].interval)});
        continue;
      }
      // A day target: the interval where the queue's calls per agent serving it are most.
      const std::size_t q = cs[c].queue;
      std::size_t worst = 0;
      double load = -1;
      for (std::size_t i = 0; i < I_; ++i) {
        int n = 0;
        for (std::uint32_t g : groups_of_[q]) n += e.plan[g][i];
        const double l = rate(q, i) / (n + 1.0);
        if (l > load) {
          load = l;
          worst = i;
        }
      }
      out.push_back({q, worst});
    }
    return out;
  }

  // Phase 1: while targets fail, add agents (cheapest group serving the failing queue);
  // the step doubles while the same cell keeps failing.
  void add_phase(PlanEvaluation& e, int reps = 0) {
    std::vector<std::vector<int>> step(G_, std::vector<int>(I_, 1));
    while (!e.feasible && budget_left()) {
      StaffPlan plan = e.plan;
      bool changed = false;
      std::vector<std::vector<bool>> touched(G_, std::vector<bool>(I_, false));
      for (const auto& [q, i] : failing_cells(e)) {
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
      if (!changed) {
        out_.capped = true;
        return;
      }
      ++out_.add_rounds;
      e = eval(plan, reps);
    }
  }

  // Phase 2: Kelley-style cutting planes on the simulated constraints (Atlason, Epelman
  // and Henderson 2004; Cezik and L'Ecuyer 2008). At iterate x, one simulation per group
  // and parity of interval (one more agent in every other interval of that group) gives
  // the forward difference of each interval's figures in the agents of that interval and
  // of the one before (the queue carried over); a concave figure lies below its tangent,
  // so sum_k d_k (y_k - x_k) >= -margin holds for every feasible y.
  void cut_phase() {
    std::vector<double> cost;
    std::vector<int> lo, hi;
    for (std::size_t g = 0; g < G_; ++g)
      for (std::size_t i = 0; i < I_; ++i) {
        cost.push_back(unit(g));
        lo.push_back(0);
        hi.push_back(caps_[g][i]);
      }
    cuts_ = std::make_unique<CutModel>(cost, lo, hi);
    bound_cuts_ = std::make_unique<CutModel>(cost, lo, hi);
    cuts_->keep_feasible(flat(best_.plan));
    bound_cuts_->keep_feasible(flat(best_.plan));
    // A queue with calls and an SL or abandon target needs someone serving it.
    for (std::size_t q = 0; q < Q_; ++q) {
      bool needs = false;
      for (const Target& t : s_.queues[q].targets) needs = needs || t.kind != Target::Kind::asa;
      if (!needs) continue;
      for (std::size_t i = 0; i < I_; ++i) {
        if (!(rate(q, i) > 0)) continue;
        std::vector<std::pair<int, double>> terms;
        for (std::uint32_t g : groups_of_[q]) terms.push_back({static_cast<int>(g * I_ + i), 1.0});
        cuts_->add_cut(terms, 1.0);
        bound_cuts_->add_cut(terms, 1.0);
      }
    }
    std::set<StaffPlan> visited{best_.plan};
    PlanEvaluation x = best_;
    const bool day = o_.scope == StaffScope::day;
    while (budget_left()) {
      add_cuts_at(x, day);
      CutModel::Solution sol = cuts_->solve(200);
      // Not proven and no better than the incumbent: GLPK may just need longer.
      if (sol.ok && !sol.proven && sol.objective >= best_.cost - 1e-9) sol = cuts_->solve(1000);
      ++out_.cut_iterations;
      if (!sol.ok) break;
      if (sol.objective >= best_.cost - 1e-9) break;  // the incumbent is optimal for the cuts
      const StaffPlan y = unflat(sol.y);
      if (!visited.insert(y).second) break;  // the cuts cannot separate it: stop cutting
      x = eval(y);
    }
  }

  double rate(std::size_t q, std::size_t i) const {
    const QueueSpec& qs = s_.queues[q];
    if (qs.arrivals.stationary) return qs.arrivals.rate;
    if (qs.arrivals.trace) return 1;  // recorded calls: assume some
    return i < qs.arrivals.volumes.size() ? qs.arrivals.volumes[i] : 0;
  }

  void add_cuts_at(const PlanEvaluation& x, bool day) {
    const auto& cs = judge_.constraints();
    const std::size_t C = cs.size();
    // d[c] holds (cell, difference) terms.
    std::vector<std::vector<std::pair<int, double>>> d(C);
    for (std::size_t g = 0; g < G_ && budget_left(); ++g)
      for (std::size_t parity = 0; parity < (I_ > 1 ? 2u : 1u) && budget_left(); ++parity) {
        StaffPlan p = x.plan;
        std::vector<std::size_t> moved;
        for (std::size_t i = parity; i < I_; i += 2)
          if (p[g][i] < caps_[g][i]) {
            ++p[g][i];
            moved.push_back(i);
          }
        if (moved.empty()) continue;
        const PlanEvaluation e = eval(p);
        for (std::size_t c = 0; c < C; ++c) {
          if (!x.values[c].defined || !e.values[c].defined) continue;
          const double diff = e.values[c].judged_margin - x.values[c].judged_margin;
          if (day) {
            // The day's change, shared among the moved cells by their calls.
            double w = 0;
            for (std::size_t i : moved) w += rate(cs[c].queue, i);
            if (!(w > 0)) continue;
            for (std::size_t i : moved) d[c].push_back({static_cast<int>(g * I_ + i), diff * rate(cs[c].queue, i) / w});
            continue;
          }
          const std::size_t i = static_cast<std::size_t>(cs[c].interval);
          if (i % 2 == parity)
            d[c].push_back({static_cast<int>(g * I_ + i), diff});
          else if (i > 0)
            d[c].push_back({static_cast<int>(g * I_ + i - 1), diff});
        }
      }
    const std::vector<int> xf = flat(x.plan);
    for (std::size_t c = 0; c < C; ++c) {
      // The search's cuts only where a target binds or fails (within two CI half-widths):
      // far-slack constraints do not shape the optimum nearby and would slow GLPK down. The
      // bound takes them all.
      if (!x.values[c].defined) continue;
      const bool binds = x.values[c].judged_margin <= 2 * x.values[c].half_width;
      double dx = 0;
      std::vector<std::pair<int, double>> terms;
      for (const auto& [k, a] : d[c]) {
        if (!(a > 0)) continue;  // no gain measured (noise or saturation): no term
        terms.push_back({k, a});
        dx += a * xf[static_cast<std::size_t>(k)];
      }
      if (terms.empty()) continue;
      // Two models. The search's cuts are plain tangents, so they separate every iterate that
      // fails. The bound's cuts are asked to hold only to within the figure's CI half-width:
      // simulated figures are not exactly concave (nor monotone), and a bound from a cut that
      // excluded a feasible plan would be a lie.
      if (binds) cuts_->add_cut(terms, dx - x.values[c].judged_margin);
      bound_cuts_->add_cut(terms, dx - x.values[c].judged_margin - x.values[c].half_width);
    }
  }

  // Phase 3: from the incumbent, moves that lower cost while every target holds: one agent
  // fewer in a group, or k agents of one group traded for j < k (or cheaper) of another.
  // A move is tried in every other interval at once; intervals whose targets (or the next
  // interval's) then fail are taken out and the rest tried again.
  void local_phase() {
    struct Move {
      std::vector<std::pair<std::size_t, int>> deltas;  // (group, agents added; < 0 removed)
      double save = 0;
      bool removal = false;
    };
    std::vector<Move> moves;
    auto add_move = [&](std::vector<std::pair<std::size_t, int>> d) {
      double save = 0;
      for (const auto& [g, n] : d) save -= n * unit(g);
      if (save > 1e-12) moves.push_back({d, save, d.size() == 1});
    };
    for (std::size_t a = 0; a < G_; ++a) add_move({{a, -1}});
    for (std::size_t a = 0; a < G_; ++a)
      for (std::size_t b = 0; b < G_; ++b) {
        if (a == b || !share_queue(a, b)) continue;  // a trade between unrelated groups is a removal
        for (const auto& [k, j] : {std::pair{1, 1}, std::pair{2, 1}, std::pair{3, 2}}) add_move({{a, -k}, {b, j}});
        // Pooling: one agent of b for one each of two groups whose queues b also serves.
        for (std::size_t a2 = a + 1; a2 < G_; ++a2)
          if (a2 != b && share_queue(a2, b)) add_move({{a, -1}, {a2, -1}, {b, 1}});
      }
    // Most saving first.
    std::stable_sort(moves.begin(), moves.end(), [](const Move& x, const Move& y) { return x.save > y.save; });
    auto fits = [&](const Move& m, std::size_t i) {
      for (const auto& [g, n] : m.deltas)
        if (best_.plan[g][i] + n < 0 || best_.plan[g][i] + n > caps_[g][i]) return false;
      return true;
    };
    for (bool progress = true; progress && budget_left();) {
      progress = false;
      const double pass_start = best_.cost;
      for (const Move& m : moves) {
        for (std::size_t parity = 0; parity < (I_ > 1 ? 2u : 1u) && budget_left(); ++parity) {
          std::vector<std::size_t> batch;
          for (std::size_t i = parity; i < I_; i += 2)
            if (fits(m, i)) batch.push_back(i);
          while (!batch.empty() && budget_left()) {
            StaffPlan t = best_.plan;
            for (std::size_t i : batch)
              for (const auto& [g, n] : m.deltas) t[g][i] += n;
            const PlanEvaluation e = eval(t);
            if (e.feasible) {  // note() made it the incumbent
              (m.removal ? out_.remove_rounds : out_.trade_moves) += 1;
              progress = true;
              break;
            }
            std::vector<std::size_t> kept;
            for (std::size_t i : batch)
              if (!interval_fails(e, i) && !(i + 1 < I_ && interval_fails(e, i + 1))) kept.push_back(i);
            if (kept.size() == batch.size() || o_.scope == StaffScope::day) {
              // Failures away from every move, or a day target: halve the batch instead.
              if (batch.size() == 1) break;
              kept.assign(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(batch.size() / 2));
            }
            batch = std::move(kept);
          }
        }
      }
      // A pass that saved under 0.1% of the cost ends the phase: the last passes of a large
      // model trade single agents whose gain is well inside the noise of the base
      // replications, at a full pass of simulations each.
      if (pass_start - best_.cost < 1e-3 * pass_start) break;
    }
  }

  bool share_queue(std::size_t a, std::size_t b) const {
    for (std::size_t q = 0; q < Q_; ++q) {
      const auto& gs = groups_of_[q];
      if (std::find(gs.begin(), gs.end(), a) != gs.end() && std::find(gs.begin(), gs.end(), b) != gs.end()) return true;
    }
    return false;
  }

  // More replications (doubling, same streams) while a verdict that matters is too close
  // to call. `evaluate(R)` judges the plan on R replications of its own; `relevant(c, e)`
  // says whether constraint c still matters given evaluation e.
  template <class E, class F>
  PlanEvaluation sharpen(E evaluate, F relevant) {
    PlanEvaluation e = evaluate(R0_);
    const auto& cs = judge_.constraints();
    for (;;) {
      if (e.replications >= o_.max_replications) return e;
      bool worth = false;
      for (std::size_t c = 0; c < cs.size() && !worth; ++c) {
        const ConstraintValue& v = e.values[c];
        if (!v.close()) continue;
        // Worth more replications only if the CI they could reach would clear the target:
        // the half-width at max_replications (of the plan and, paired, of the reference),
        // against the margin allowed to move by half of the part more replications remove.
        const double at_max =
            v.half_width_at(o_.max_replications, std::max(e.paired_replications, o_.max_replications));
        const double removable = std::sqrt(std::max(0.0, v.half_width * v.half_width - at_max * at_max));
        worth = std::abs(v.mean_margin) + 0.5 * removable > at_max && relevant(c, e);
      }
      if (!worth) return e;
      e = evaluate(std::min(2 * e.replications, o_.max_replications));
    }
  }

  // Whether some figure of interval i fails outside its CI in e: then more replications
  // cannot make a plan that differs there from e meet.
  bool clear_fail(const PlanEvaluation& e, std::size_t i) const {
    const auto& cs = judge_.constraints();
    for (std::size_t c = 0; c < cs.size(); ++c)
      if (static_cast<std::size_t>(cs[c].interval) == i && !e.values[c].met() && !e.values[c].close()) return true;
    return false;
  }

  // The verdicts of `relevant` constraints that were close at the base replications.
  template <class F>
  std::vector<StaffVerdict> verdicts(const PlanEvaluation& before, const PlanEvaluation& after, int group, F relevant) {
    std::vector<StaffVerdict> out;
    const auto& cs = judge_.constraints();
    for (std::size_t c = 0; c < cs.size(); ++c) {
      if (!relevant(c) || !before.values[c].close()) continue;
      const QueueSpec& q = s_.queues[cs[c].queue];
      const Target& t = q.targets[cs[c].target];
      const double goal = t.kind == Target::Kind::asa ? t.threshold : t.fraction;
      const double sign = t.kind == Target::Kind::service_level ? 1.0 : -1.0;
      StaffVerdict v;
      v.constraint = c;
      v.queue = q.name;
      v.interval = cs[c].interval;
      v.target = t.text;
      v.group = group;
      v.staffing = group < 0 ? "answer" : s_.groups[static_cast<std::size_t>(group)].name + " -1";
      v.value = goal + sign * after.values[c].mean_margin;
      v.ci95 = after.values[c].half_width;
      v.replications = after.replications;
      v.paired_replications = after.paired_replications;
      v.met = after.values[c].met();
      v.resolved = !after.values[c].close();
      out.push_back(v);
    }
    return out;
  }

  // One agent more, of the cheapest group serving the queue, in each cell where e fails
  // (at most one per group and interval); returns the (group, interval) cells added to.
  std::set<std::pair<std::size_t, std::size_t>> add_where_failing(const PlanEvaluation& e, StaffPlan& y) const {
    std::set<std::pair<std::size_t, std::size_t>> done;
    for (const auto& [q, i] : failing_cells(e)) {
      const std::size_t g = cheapest_group(q, i, y);
      if (g == G_ || !done.insert({g, i}).second) continue;
      ++y[g][i];
    }
    return done;
  }

  // Phase 4: the answer's verdicts, and those one agent below it (every other interval of a
  // group at once: interval i's figures then show the removal at i alone), sharpened;
  // where a sharper verdict flips, the answer moves and is checked again.
  //
  // The first answer is judged on its own replications, as many as its close verdicts
  // need, and becomes the reference. Plans near it (one agent below, or the answer after
  // a move) are judged paired with it (PlanJudge::evaluate_paired): they differ by an agent
  // here and there, so the day-by-day differences settle a verdict with far fewer
  // replications. Whatever answer the moves end on is judged again on its own replications
  // (those are the figures reported), and the search goes on from there if that flips.
  void refine_phase() {
    const auto& cs = judge_.constraints();
    auto any = [](std::size_t, const PlanEvaluation&) { return true; };
    // Cells (g, i) found not removable at a plan P: fewer agents never help, so they stay
    // not removable at any plan <= P and are not tried again.
    std::vector<std::tuple<std::size_t, std::size_t, StaffPlan>> settled;
    auto is_settled = [&](std::size_t g, std::size_t i, const StaffPlan& x) {
      for (const auto& [sg, si, p] : settled) {
        if (sg != g || si != i) continue;
        bool below = true;
        for (std::size_t h = 0; h < G_ && below; ++h)
          for (std::size_t j = 0; j < I_ && below; ++j) below = x[h][j] <= p[h][j];
        if (below) return true;
      }
      return false;
    };
    // The latest verdict one agent below the answer, per (group, constraint).
    std::map<std::pair<int, std::size_t>, StaffVerdict> below;
    StaffPlan ref = best_.plan;
    PlanEvaluation good;  // the cheapest plan its own figures meet
    auto direct = [&](const StaffPlan& p) {
      PlanEvaluation e = sharpen([&](int r) { return judge_.evaluate_kept(p, r, true); }, any);
      if (e.feasible && (good.plan.empty() || e.cost < good.cost)) good = e;
      return e;
    };
    auto paired = [&](const StaffPlan& p) {
      // A candidate answer: its tallies are kept in case it is the one reported.
      return sharpen([&](int r) { return judge_.evaluate_paired(p, r, ref, true); }, any);
    };
    StaffPlan x = ref;
    PlanEvaluation ex = direct(x);
    bool moved_since_check = false;
    for (int round = 0; round < 8 && budget_left(); ++round) {
      ++out_.refine_rounds;
      if (!moved_since_check && !ex.feasible) {
        // Sharper figures fail here: add where they fail and check again.
        StaffPlan y = x;
        const auto done = add_where_failing(ex, y);
        if (done.empty()) break;
        // Taking an added agent away again gives back x, which failed: never try that at y
        // or below (else a move could undo the addition, round after round).
        for (const auto& [g, i] : done) settled.emplace_back(g, i, y);
        x = y;
        ex = paired(x);  // did the additions suffice?
        continue;
      }
      bool moved = false;
      if (o_.scope == StaffScope::interval) {  // a day target has no single cell to test
        StaffPlan lower = x;
        for (std::size_t g = 0; g < G_ && budget_left(); ++g)
          for (std::size_t parity = 0; parity < (I_ > 1 ? 2u : 1u); ++parity) {
            StaffPlan n = x;
            std::vector<std::size_t> cells;
            for (std::size_t i = parity; i < I_; i += 2)
              if (n[g][i] > 0 && !is_settled(g, i, x)) {
                --n[g][i];
                cells.push_back(i);
              }
            if (cells.empty()) continue;
            // A cell is decided once some figure of interval i or i + 1 fails outside its
            // CI: one fewer is plainly not enough there.
            auto cell_open = [&](std::size_t i, const PlanEvaluation& e) {
              return !clear_fail(e, i) && !(i + 1 < I_ && clear_fail(e, i + 1));
            };
            auto in_open = [&](std::size_t c, const PlanEvaluation& e) {
              const std::size_t i = static_cast<std::size_t>(cs[c].interval);
              const auto has = [&](std::size_t j) { return std::find(cells.begin(), cells.end(), j) != cells.end(); };
              return (has(i) && cell_open(i, e)) || (i > 0 && has(i - 1) && cell_open(i - 1, e));
            };
            const PlanEvaluation nb = judge_.evaluate_paired(n, R0_, ref);
            std::vector<std::size_t> open;
            for (std::size_t i : cells)
              if (cell_open(i, nb))
                open.push_back(i);
              else
                settled.emplace_back(g, i, x);
            if (open.empty()) continue;
            cells = open;
            const PlanEvaluation ns = sharpen([&](int r) { return judge_.evaluate_paired(n, r, ref); }, in_open);
            for (const StaffVerdict& v :
                 verdicts(nb, ns, static_cast<int>(g), [&](std::size_t c) { return in_open(c, nb); }))
              below[{static_cast<int>(g), v.constraint}] = v;
            for (std::size_t i : cells) {
              if (interval_fails(ns, i) || (i + 1 < I_ && interval_fails(ns, i + 1))) {
                settled.emplace_back(g, i, x);
                continue;
              }
              // Sharper figures say one fewer is enough here; the first group (in the file's
              // order) found so takes the cell, since two removals at once were not tested.
              bool taken = false;
              for (std::size_t h = 0; h < G_; ++h) taken = taken || lower[h][i] < x[h][i];
              if (!taken) {
                --lower[g][i];
                moved = true;
              }
            }
          }
        if (moved) {
          // The removals were each checked one agent below x; their sum is checked when
          // the moves end, on the answer's own replications (below).
          x = lower;
          moved_since_check = true;
          continue;
        }
      }
      if (x == ref) break;  // judged on its own replications already
      // The moves have ended: the answer on its own replications, the figures reported.
      ref = x;
      ex = direct(x);
      moved_since_check = false;
      if (ex.feasible) break;
    }
    // Stopped early (rounds or budget) on a paired verdict: the answer's own figures.
    final_ = x == ref ? ex : direct(x);
    // Still failing on its own figures (rounds ran out, as with very few base replications):
    // add where it fails, judged on its own replications, until it meets or cannot grow.
    while (!final_.feasible && budget_left()) {
      StaffPlan y = final_.plan;
      if (add_where_failing(final_, y).empty()) break;
      ++out_.refine_rounds;
      final_ = direct(y);
    }
    // Never end on a plan its own figures fail, or on a dearer one, when one they meet was seen.
    if (!good.plan.empty() && (!final_.feasible || good.cost < final_.cost)) final_ = good;
    out_.verdicts = verdicts(judge_.evaluate_kept(final_.plan, R0_), final_, -1, [](std::size_t) { return true; });
    for (const auto& [key, v] : below) out_.verdicts.push_back(v);
  }

  void finish() {
    const bool refined = !final_.plan.empty();
    const PlanEvaluation& ans = refined ? final_ : best_;
    out_.staffing = ans.plan;
    out_.feasible = ans.feasible;
    // Figures are reported on the replications the answer was judged on (more than the
    // scenario's where close verdicts were sharpened): what `ccsim run -r N` of the plan gives.
    out_.replications = ans.replications;
    PlanJudge::Full full;
    judge_.evaluate_full(ans.plan, ans.replications, full);
    out_.scenario = std::move(full.scenario);
    out_.model = compile(out_.scenario, o_.extra_thresholds);
    out_.reps = std::move(full.reps);
    out_.summary = std::move(full.summary);
    out_.cost = judge_.cost(ans.plan);
    // The bound from the final cut model: every feasible plan seen has relaxed the cuts it
    // would violate, so the bound never exceeds a plan the simulation called feasible.
    if (bound_cuts_ && o_.scope == StaffScope::interval) {
      const CutModel::Solution sol = bound_cuts_->solve(200);
      if (sol.ok) bound_ = sol.bound;
    }
    if (std::isfinite(bound_)) {
      out_.lower_bound = std::min(bound_, out_.cost);
      out_.gap = out_.cost > 0 ? (out_.cost - out_.lower_bound) / out_.cost : 0;
    }
    out_.evaluations = static_cast<int>(judge_.simulations());
    out_.simulated_days = judge_.simulated_days();
    const auto& cs = judge_.constraints();
    for (std::size_t c = 0; c < cs.size(); ++c) {
      if (ans.values[c].met()) continue;
      const QueueSpec& q = s_.queues[cs[c].queue];
      const Target& t = q.targets[cs[c].target];
      const double goal = t.kind == Target::Kind::asa ? t.threshold : t.fraction;
      const double sign = t.kind == Target::Kind::service_level ? 1.0 : -1.0;
      out_.shortfalls.push_back({q.name, cs[c].interval, t.text, goal + sign * ans.values[c].judged_margin});
    }
  }

  const StaffPlan* start_;
  const Scenario& s_;
  const StaffOptions& o_;
  StaffResult& out_;
  const std::size_t G_, Q_, I_;
  const int R0_;
  PlanJudge judge_;
  std::vector<std::vector<std::uint32_t>> groups_of_;  // per queue, best-ranked first
  std::vector<std::vector<int>> caps_;
  PlanEvaluation best_, final_;
  std::unique_ptr<CutModel> cuts_, bound_cuts_;  // the search's cuts; the bound's (with slack)
  double bound_ = -std::numeric_limits<double>::infinity();
};

}  // namespace

StaffResult find_staffing(const Scenario& s, const StaffOptions& o) {
  for (const QueueSpec& q : s.queues)
    for (const Target& t : q.targets) {
      const std::string why = unattainable(t, q.patience.has_value());
      if (!why.empty()) throw InputError(t.where, "queue \"" + q.name + "\": " + why);
    }
  StaffResult out;
  if (o.scope == StaffScope::interval) {
    Search(s, o, out).run();
    return out;
  }
  StaffOptions oi = o;
  oi.scope = StaffScope::interval;
  oi.max_replications = 0;  // the day's answer is refined, not this start
  StaffResult start;
  Search(s, oi, start).run();
  StaffOptions od = o;
  od.max_evaluations = std::max(1, o.max_evaluations - start.evaluations);
  Search(s, od, out, &start.staffing).run();
  out.evaluations += start.evaluations;
  out.simulated_days += start.simulated_days;
  out.cut_iterations += start.cut_iterations;
  out.add_rounds += start.add_rounds;
  out.remove_rounds += start.remove_rounds;
  out.trade_moves += start.trade_moves;
  out.erlang = start.erlang;
  return out;
}

}  // namespace ccsim
