#pragma once
// Exact analytic queueing: Erlang B (M/M/n/n), Erlang C (M/M/n) and Erlang A (M/M/n+M).
// Every value here is exact (to ~1e-12 relative), not an approximation; the simulator is
// validated against these. Times in seconds, rates per second.
#include <limits>

namespace ccsim::models {

// Erlang B blocking probability for n servers and offered load a = lambda * aht (erlangs).
double erlang_b(int n, double a);

// Erlang C probability of waiting for n servers, load a. Returns 1 when a >= n.
double erlang_c(int n, double a);

struct ErlangModel {
  double lambda = 0;                                          // arrival rate, calls per second
  double aht = 0;                                             // mean handle time, seconds (exponential)
  int agents = 0;                                             // n
  double patience = std::numeric_limits<double>::infinity();  // mean patience, seconds
                                                              // (exponential); inf = Erlang C
};

// All measures below are for a call arriving in steady state (PASTA).
// With finite patience (Erlang A) every load is stable; without it (Erlang C) the model
// requires lambda*aht < agents, and these functions return NaN otherwise.
class Erlang {
 public:
  explicit Erlang(const ErlangModel& m);

  bool stable() const;
  double p_wait() const;         // P(W > 0): an arriving call has to queue
  double p_abandon() const;      // abandon rate (abandoned / offered)
  double p_answered() const;     // 1 - p_abandon()
  double asa() const;            // mean wait of answered calls
  double mean_wait_all() const;  // mean wait (to answer or abandon) of all calls
  double occupancy() const;      // mean busy agents / n
  // Service level in three bases for threshold t (seconds):
  double answered_within(double t) const;   // P(answered and wait <= t)
  double abandoned_within(double t) const;  // P(abandoned and wait < t)
  double sl_offered(double t) const;        // answered_within(t)
  double sl_answered(double t) const;       // answered_within(t) / p_answered()
  double sl_refined(double t) const;        // answered_within(t) / (1 - abandoned_within(t))
  double sl_abandoned_met(double t) const;  // answered_within(t) + abandoned_within(t)
  // Refined abandon rate: abandons shorter than `short_abandon` left out of both sides.
  double abandon_rate_refined(double short_abandon) const;
  // Quantile of the wait of answered calls: smallest t with P(wait <= t | answered) >= q.
  double wait_quantile_answered(double q) const;

  const ErlangModel& model() const { return m_; }

 private:
  // Tail of the wait beyond t: P(answered, W > t) and P(abandoned, W >= t).
  struct Tail {
    double answered = 0;
    double abandoned = 0;
  };
  Tail tail(double t) const;
  // Density of the wait of answered calls at t > 0 (per second, conditional on answered).
  double answered_density(double t) const;

  ErlangModel m_;
  // Precomputed quantities, see erlang.cpp.
  enum class Kind { invalid, erlang_c, erlang_a } kind_ = Kind::invalid;
  bool stable_ = false;
  double nmu_ = 0;            // n * mu, per second
  double theta_ = 0;          // 1 / patience (Erlang A)
  double x_ = 0;              // n * mu / theta (Erlang A)
  double y_ = 0;              // lambda / theta (Erlang A)
  double log_a_ = 0;          // ln A(x, y) (Erlang A)
  double prefix_y_ = 0;       // e^{-y} y^{x+m} / Gamma(x+m+1), m = mode (Erlang A)
  double log_p_y_ = 0;        // ln P(x, y), regularised lower incomplete gamma (Erlang A)
  double pw_ = 0;             // P(W > 0)
  double pab_ = 0;            // P(abandon)
  double pans_ = 0;           // P(answered)
  double pw_ans_ = 0;         // P(answered, W > 0)
  double wait_all_ = 0;       // E[W]
  double wait_answered_ = 0;  // E[W; answered] (not conditional)
};

}  // namespace ccsim::models
