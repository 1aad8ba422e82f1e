#include "sim/sweep/run.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/engine/interrupt.hpp"
#include "sim/scenario/errors.hpp"

namespace ccsim {

namespace {

Scenario parse_point(const SweepPlan& plan, std::size_t p) {
  std::vector<Override> ov = plan.base;
  for (Override& o : plan.grid.overrides(p)) ov.push_back(std::move(o));
  Scenario s = parse_scenario(plan.text, plan.path, ov);
  if (plan.replications_given) s.replications = plan.replications;
  if (plan.seed_given) s.seed = plan.seed;
  return s;
}

std::string point_label(const SweepPlan& plan, std::size_t p) {
  std::string s;
  for (const Override& o : plan.grid.overrides(p)) s += (s.empty() ? "" : ", ") + o.key + "=" + o.value;
  return s;
}

// The message of an error in an override, without its "--set:1:COL" position (which
// refers to the override's own text, not to what the user typed).
std::string bare(const InputError& e) { return e.where().file == "--set" ? e.message() : e.what(); }

}  // namespace

std::unique_ptr<SweepPoint> prepare_point(const SweepPlan& plan, std::size_t p) {
  auto pt = std::make_unique<SweepPoint>();
  pt->index = p;
  pt->scenario = std::make_unique<Scenario>(parse_point(plan, p));
  pt->model = std::make_unique<RunModel>(compile(*pt->scenario, plan.thresholds));
  pt->reps.resize(static_cast<std::size_t>(pt->scenario->replications));
  return pt;
}

std::vector<double> check_points(const SweepPlan& plan, const std::vector<double>& extra) {
  // Each value on its own first, so that an error names the axis and value at fault.
  for (const SweepAxis& a : plan.grid.axes) {
    if (a.key == "scenario.replications" || a.key == "scenario.seed")
      throw InputError(SourceLoc{"ccsim sweep", 0, 0},
                       "--vary '" + a.text +
                           "': every point uses the sweep's replications and seed (common random "
                           "numbers); set them with -r and --seed");
    for (const std::string& v : a.values) {
      std::vector<Override> ov = plan.base;
      ov.push_back(Override{a.key, v});
      try {
        (void)parse_scenario(plan.text, plan.path, ov);
      } catch (const InputError& e) {
        throw InputError(SourceLoc{"ccsim sweep", 0, 0},
                         "--vary '" + a.text + "': at " + a.key + "=" + v + ": " + bare(e));
      }
    }
  }
  std::vector<double> thresholds = extra;
  for (std::size_t p = 0; p < plan.grid.points(); ++p) {
    throw_if_interrupted();  // checking a million points takes half a minute
    Scenario s;
    try {
      s = parse_point(plan, p);
    } catch (const InputError& e) {
      throw InputError(SourceLoc{"ccsim sweep", 0, 0},
                       "point " + std::to_string(p) + " (" + point_label(plan, p) + "): " + bare(e));
    }
    for (const QueueSpec& q : s.queues)
      for (const Target& t : q.targets)
        if (t.kind == Target::Kind::service_level) thresholds.push_back(t.threshold);
  }
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  return thresholds;
}

namespace {

struct Slot {
  std::once_flag ready;
  std::unique_ptr<SweepPoint> point;
  std::atomic<int> remaining{0};
  bool complete = false;  // under the delivery mutex
};

}  // namespace

void run_points(const SweepPlan& plan, const std::vector<std::size_t>& points, int threads,
                const std::function<void(SweepPoint&)>& deliver, SweepCounters* counters,
                const std::atomic<bool>* stop) {
  auto stopping = [stop] { return interrupted() || (stop && stop->load()); };
  const std::size_t R = static_cast<std::size_t>(std::max(1, plan.replications));
  const std::size_t items = points.size() * R;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> started{0};  // 1 + the highest position begun
  std::mutex slots_mutex, deliver_mutex, failure_mutex;
  std::map<std::size_t, std::unique_ptr<Slot>> slots;  // by position in `points`
  std::size_t next_deliver = 0;
  std::exception_ptr failure;

  auto slot_at = [&](std::size_t pos) {
    std::lock_guard<std::mutex> lock(slots_mutex);
    auto& s = slots[pos];
    if (!s) s = std::make_unique<Slot>();
    return s.get();
  };

  auto worker = [&] {
    std::size_t engine_pos = SIZE_MAX;
    std::unique_ptr<Engine> engine;
    try {
      for (;;) {
        const std::size_t k = next.fetch_add(1);
        if (k >= items) break;
        const std::size_t pos = k / R, r = k % R;
        // After an interrupt, finish the points begun (so the delivered ones stay a prefix)
        // and begin no other.
        if (stopping() && pos >= started.load()) break;
        for (std::size_t s = started.load(); s < pos + 1 && !started.compare_exchange_weak(s, pos + 1);) {
        }
        Slot* slot = slot_at(pos);
        std::call_once(slot->ready, [&] {
          slot->point = prepare_point(plan, points[pos]);
          slot->remaining = static_cast<int>(slot->point->reps.size());
        });
        SweepPoint& pt = *slot->point;
        if (pt.reps.size() != R) throw std::logic_error("sweep: replications differ between points");
        if (engine_pos != pos) {
          // It throws Interrupted within milliseconds of a signal: the points in flight are
          // dropped (never delivered, so the delivered ones stay a prefix) and run again
          // by --resume.
          engine = std::make_unique<Engine>(*pt.model);
          engine_pos = pos;
        }
        engine->run(pt.scenario->seed, static_cast<std::uint32_t>(r), pt.reps[r]);
        if (counters) {
          double offered = 0;
          const auto& c = pt.reps[r].calls;
          for (int q = 0; q < c.queues; ++q)
            for (int i = 0; i < c.intervals; ++i) offered += c.cell(q, i)[kOffered];
          counters->calls += static_cast<std::uint64_t>(offered);
        }
        if (--slot->remaining > 0) continue;
        pt.summary = summarize_run(*pt.model, pt.reps, plan.interval_summaries);
        engine.reset();  // it points into this point's model, which delivery frees
        engine_pos = SIZE_MAX;
        std::lock_guard<std::mutex> lock(deliver_mutex);
        slot->complete = true;
        for (;;) {
          Slot* head = nullptr;
          {
            std::lock_guard<std::mutex> l(slots_mutex);
            auto it = slots.find(next_deliver);
            if (it != slots.end() && it->second->complete) head = it->second.get();
          }
          if (!head) break;
          deliver(*head->point);
          if (counters) ++counters->points;
          {
            std::lock_guard<std::mutex> l(slots_mutex);
            slots.erase(next_deliver);
          }
          ++next_deliver;
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = items;
    }
  };
  const std::size_t n =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1, std::max<std::size_t>(items, 1));
  if (n == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < n; ++t) pool.emplace_back(worker);
    for (auto& th : pool) th.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (next_deliver < points.size()) throw Interrupted();
}

}  // namespace ccsim
