#pragma once
// The scheme of Izhikevich's published code (docs/reference.md 1.1), with its switches: Euler for v (in one
// or two sub-steps), then the other variables from the new or the old v; spikes detected on the grid with
// the strict v > vpeak, labelled with the time at the start of their step, reset in the same step or at the
// start of the next. Samples t_k = k tau, k = 0 .. T/tau inclusive, each labelled t_k while holding the
// state after its step, as the published figure does; the input is the code's I(t_k) with its own strict
// inequalities. The published code records the cutoff itself at a spike (v(i) = vpeak, or vpeak -+ 0.1 u
// for the book's LTS and TC cells): every guard here is v minus its cutoff, so v - guard is that value.
#include <cmath>

#include "hybrid_integrator.hpp"

namespace neurodyn::detail {

// Models whose papers publish this scheme.
template <class M>
concept PublishedSchemeModel = NeuronModel<M> && requires { requires M::has_published_scheme; };

template <PublishedSchemeModel M>
class PublishedSchemeDriver {
 public:
  using State = typename M::State;

  explicit PublishedSchemeDriver(HybridIntegrator<M>& run)
      : run_(run), tau_(run.options().dt),
        last_(static_cast<long long>(std::llround((run.t_end() - run.t_start()) / tau_))) {}

  // Runs the steps labelled up to t (ms); every step is the same whatever the targets.
  MaybeFailure advance_to(double t) {
    while (k_ <= last_ && grid_time(k_) <= t) {
      if (auto failure = step(k_++)) return failure;
    }
    return std::nullopt;
  }

  void finish(bool) {}

 private:
  double grid_time(long long k) const { return run_.t_start() + static_cast<double>(k) * tau_; }

  MaybeFailure step(long long k) {
    const auto& scheme = run_.options().published;
    auto& recorder = run_.recorder();
    const M& model = run_.model();
    const double t = grid_time(k);
    const bool sampled = recorder.records_step(k) || k == last_;
    if (t < run_.hold_until()) {
      if (sampled) recorder.sample(t, run_.state());
      return std::nullopt;
    }
    const Drive input = run_.input().stimulus().at(t);
    // A spike found at the start of the step (reset in the next step) ends the run, if it fails, after the
    // step that holds it, as the published loop would.
    MaybeFailure spike_failure;
    if (!scheme.reset_in_same_step && model.guard(run_.state()) > 0.0) spike_failure = spike(t, run_.state());
    const State old = run_.state();
    State next = old;
    const double v_step = tau_ / scheme.v_substeps;
    for (int substep = 0; substep < scheme.v_substeps; ++substep) {
      ++run_.statistics().rhs_evaluations;
      next[0] += v_step * model.rhs(next, input)[0];
    }
    State for_others = old;
    if (scheme.u_from_new_v) for_others[0] = next[0];
    ++run_.statistics().rhs_evaluations;
    const State others_rate = model.rhs(for_others, input);
    for (int i = 1; i < M::dimension; ++i) next[i] = old[i] + tau_ * others_rate[i];
    if (auto failure = run_.count_step()) return failure;
    if (HybridIntegrator<M>::diverged(next)) return run_.unstable(t + tau_, old);
    run_.move_to(t + tau_, next);
    if (scheme.reset_in_same_step && model.guard(run_.state()) > 0.0) {
      if (auto failure = spike(t, run_.state())) return failure;
      if (recorder.keeps_all()) recorder.append(t, run_.state());
      return std::nullopt;
    }
    if (sampled) recorder.sample(t, run_.state());
    return spike_failure;
  }

  // A spike labelled `label`: recorded with v at the cutoff, then reset.
  MaybeFailure spike(double label, const State& state) {
    auto failure = run_.add_spike(label);
    State recorded = state;
    recorded[0] -= run_.model().guard(state);
    if (run_.recorder().keeps_all()) run_.recorder().append(label, recorded);
    run_.reset_after(label, state);
    return failure;
  }

  HybridIntegrator<M>& run_;
  double tau_;
  long long last_;
  long long k_ = 0;
};

}  // namespace neurodyn::detail
