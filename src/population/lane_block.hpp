#pragma once
// lane_width neurons of one model advanced together over grid steps with their input held, as the single-neuron
// fixed-step driver (src/solve/fixed_step_driver.hpp) advances each of them alone, bit for bit:
//   - every lane takes the explicit step from t to the next grid point in one evaluation of the lanes;
//   - a lane whose guard crosses in the step, that is held after a reset (a refractory period) or that leaves
//     the finite range is then redone alone from the start of the step, exactly as the driver does it: the
//     spike located on the cubic Hermite (order > 1) or linear interpolant of the step, the reset applied, the
//     rest of the step taken from there, as often as the guard crosses again.
// The explicit steppers of src/solve/explicit_runge_kutta.hpp take the step on both paths; they are generic in
// the state (an Eigen block of lanes x variables here, a StateVector there) and compute element by element.
#include <fmt/format.h>
#include <immintrin.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "interpolants.hpp"
#include "lanes.hpp"
#include "located_crossing.hpp"

namespace neurodyn::population_detail {

// What happened to one lane's neuron in a step.
struct LaneSpike {
  int lane;
  double time;  // ms
};

using LaneFlags = Eigen::Array<bool, lane_width, 1>;

enum class LaneStatus : std::uint8_t { running, failed };

template <LaneSteppable M>
class LaneBlock {
 public:
  static constexpr int N = M::dimension;
  using State = typename M::State;
  using Block = Eigen::Array<double, lane_width, N>;

  LaneBlock() {
    x_.setZero();
    current_.setZero();
    hold_until_.setConstant(-std::numeric_limits<double>::infinity());
    status_.fill(LaneStatus::running);
  }

  void set(int lane, const M& model, const State& x) {
    set_lane(model_, lane, model);
    x_.row(lane) = x.transpose().array();
  }
  M model(int lane) const { return lane_model<M>(model_, lane); }
  State state(int lane) const { return x_.row(lane).transpose().matrix(); }
  double voltage(int lane) const { return x_(lane, 0); }
  Lanes& current() { return current_; }

  // Exponentially decaying synaptic input, one channel each: channel k's value at time t is
  // decaying_[k] exp(-(t - decay_origin_) / tau_k), added to the held current (a current) or times
  // (reversal_k - v) with the lane's v at t (a conductance).
  void set_decays(const std::vector<DecayChannel>& channels) {
    decays_.clear();
    reversals_.clear();
    for (const DecayChannel& channel : channels) {
      decays_.push_back(channel.tau_ms);
      reversals_.push_back(channel.reversal_mv);
    }
    decaying_.assign(channels.size(), Lanes::Zero());
  }
  // At t0 (the start of a bin): the decaying currents carried to t0, then `jumps` (lane_width values a channel)
  // added to them.
  void add_decaying_jumps(double t0, const double* jumps) {
    for (std::size_t k = 0; k < decays_.size(); ++k) {
      const double factor = std::exp(-(t0 - decay_origin_) / decays_[k]);
      decaying_[k] = decaying_[k] * factor + Eigen::Map<const Lanes>(jumps + k * lane_width);
    }
    decay_origin_ = t0;
  }
  // What a checkpoint keeps of the block (the models and the held current are set anew): every lane's state and
  // hold, the decaying currents and their origin. A block is saved only while all its lanes run.
  std::size_t saved_size() const { return lane_width * (N + 1 + decays_.size()) + 2; }
  void save(std::vector<double>& out) const {
    out.insert(out.end(), x_.data(), x_.data() + x_.size());
    out.insert(out.end(), hold_until_.data(), hold_until_.data() + lane_width);
    for (const Lanes& currents : decaying_) out.insert(out.end(), currents.data(), currents.data() + lane_width);
    out.push_back(latest_hold_);
    out.push_back(decay_origin_);
  }
  // Takes saved_size() values written by save() (after set_decays with the same time constants).
  void restore(const double* in) {
    std::copy_n(in, x_.size(), x_.data());
    in += x_.size();
    std::copy_n(in, lane_width, hold_until_.data());
    in += lane_width;
    for (Lanes& currents : decaying_) {
      std::copy_n(in, lane_width, currents.data());
      in += lane_width;
    }
    latest_hold_ = in[0];
    decay_origin_ = in[1];
  }
  bool all_running() const { return all_running_; }
  bool failed(int lane) const { return status_[static_cast<std::size_t>(lane)] == LaneStatus::failed; }
  const std::string& failure(int lane) const { return failures_[static_cast<std::size_t>(lane)]; }

  // Izhikevich's net.m update over one bin of length h with the input held (a model of two variables, v and u):
  // v <- v + (h/2) f_v twice, then u <- u + h f_u from the new v.
  [[gnu::flatten]] void update_published(double h) {
    const BasicDrive<Lanes> drive{current_, Lanes::Zero()};
    std::array<Lanes, N> x = columns(x_);
    const double half = 0.5 * h;
    x[0] = x[0] + half * model_.field(x, drive)[0];
    x[0] = x[0] + half * model_.field(x, drive)[0];
    x[1] = x[1] + h * model_.field(x, drive)[1];
    for (int i = 0; i < N; ++i) x_.col(i) = x[static_cast<std::size_t>(i)];
  }

  // net.m's spike test: the lanes at or above the cutoff fire, labelled `label` (ms), and are reset.
  [[gnu::flatten]] void fire_at_or_above_cutoff(double label, std::vector<LaneSpike>& spikes) {
    const std::array<Lanes, N> x = columns(x_);
    const Lanes guards = model_.spike_guard(x);
    if (guards.maxCoeff() < 0.0 && std::isfinite(guards.sum())) return;  // the common bin, by reductions
    const LaneFlags fired = guards >= 0.0;
    const std::array<Lanes, N> reset = model_.reset_map(x);
    for (int lane = 0; lane < lane_width; ++lane) {
      if (!fired[lane] || failed(lane)) continue;
      spikes.push_back({lane, label});
      for (int i = 0; i < N; ++i) x_(lane, i) = reset[static_cast<std::size_t>(i)][lane];
    }
  }

  // Marks lanes whose state left the finite range (the published scheme has no step to refuse).
  [[gnu::flatten]] void check_finite(double t) {
    if (x_.abs().maxCoeff() <= 1e12 && std::isfinite(x_.sum())) return;
    for (int lane = 0; lane < lane_width; ++lane) {
      if (!failed(lane) && !(x_.row(lane).abs() <= 1e12).all()) {
        diverged(lane, t, state(lane));
      }
    }
  }

  // The step from t to `target` (a grid point) with the current held; spikes are appended to `spikes` in
  // lane order, each lane's in time order.
  // Flattened: the model's equations, the stepper's stages and the flags inline into one loop body (GCC would
  // otherwise call each Eigen assignment out of line); a lane stepped alone stays a call.
  template <class Stepper>
  [[gnu::flatten]] void step(const Stepper& stepper, double t, double target, std::vector<LaneSpike>& spikes) {
    const double h = target - t;
    const LaneSystem<false> system{*this};
    const Block slope = system.rhs(t, x_);
    const Block end = stepper.step(system, t, x_, slope, h).end;
    const Lanes guard_end = guard(end);
    // The common step: no lane held, no guard at or above zero at the end, every value finite and within 1e12.
    // Anything else (including a false alarm: a guard that stays above zero in a model without reset) is sorted
    // out lane by lane below.
    if (latest_hold_ <= t && all_running_ && common_end(guard_end, end)) {
      x_ = end;
      return;
    }
    const Lanes guard_start = guard(x_);
    const LaneFlags crossing = (guard_start < 0.0) && (guard_end >= 0.0);
    const LaneFlags held = hold_until_ > t;
    const LaneFlags out_of_range = !(end.abs() <= 1e12).rowwise().all();
    for (int lane = 0; lane < lane_width; ++lane) {
      if (failed(lane)) continue;
      if (!(crossing[lane] || held[lane] || out_of_range[lane])) {
        x_.row(lane) = end.row(lane);
        continue;
      }
      step_alone(stepper, lane, t, target, spikes);
    }
  }

  // Grid steps j + 1, j + 2, ... up to `last` (step i goes from (i - 1) dt to i dt) while each is the common step of
  // step() above, with the state held in locals between steps (no copies to and from the block, no call per
  // step); returns the index j of the step not taken, or `last`. The same operations on the same values as
  // step(): the step that is not common is left to it. With `voltages`, each step's lane_width values of v go to
  // voltages[0 ..), the next step's after them.
  template <class Stepper>
  [[gnu::flatten]] std::int64_t advance_common(const Stepper& stepper, std::int64_t j, std::int64_t last, double dt,
                                               double* voltages = nullptr) {
    if (!all_running_ || !decays_.empty()) return j;
    return voltages ? advance_common_loop<true>(stepper, j, last, dt, voltages)
                    : advance_common_loop<false>(stepper, j, last, dt, voltages);
  }

  // advance_common for two blocks at once, in one loop: the two blocks' chains of dependent operations overlap
  // (one block's step is a chain of some eight operations on v, too short for the processor to fill alone). Stops
  // at the first step that is not common in either block; each block's arithmetic is that of advance_common.
  template <class Stepper>
  [[gnu::flatten]] static std::int64_t advance_common_pair(LaneBlock& first, LaneBlock& second, const Stepper& stepper,
                                                           std::int64_t j, std::int64_t last, double dt) {
    if (!first.all_running_ || !second.all_running_ || !first.decays_.empty() || !second.decays_.empty()) return j;
    const LaneSystem<true> first_system{first}, second_system{second};
    const double latest_hold = std::max(first.latest_hold_, second.latest_hold_);
    Block x = first.x_, y = second.x_;
    for (; j < last; ++j) {
      const double t = static_cast<double>(j) * dt, target = static_cast<double>(j + 1) * dt;
      if (latest_hold > t) break;
      const Block x_slope = first_system.rhs(t, x);
      const Block y_slope = second_system.rhs(t, y);
      const Block x_end = stepper.step(first_system, t, x, x_slope, target - t).end;
      const Block y_end = stepper.step(second_system, t, y, y_slope, target - t).end;
      if (!(common_end(first.guard(x_end), x_end) & common_end(second.guard(y_end), y_end))) break;
      x = x_end;
      y = y_end;
    }
    first.x_ = x;
    second.x_ = y;
    return j;
  }

 private:
  // advance_common's loop; Record: v of every step to `voltages`.
  template <bool Record, class Stepper>
  std::int64_t advance_common_loop(const Stepper& stepper, std::int64_t j, std::int64_t last, double dt,
                                   double* voltages) {
    const LaneSystem<true> system{*this};
    Block x = x_;
    for (; j < last; ++j) {
      const double t = static_cast<double>(j) * dt, target = static_cast<double>(j + 1) * dt;
      if (latest_hold_ > t) break;
      const Block slope = system.rhs(t, x);
      const Block end = stepper.step(system, t, x, slope, target - t).end;
      if (!common_end(guard(end), end)) break;
      x = end;
      if constexpr (Record) {
        std::memcpy(voltages, x.data(), lane_width * sizeof(double));  // column 0: v of every lane
        voltages += lane_width;
      }
    }
    x_ = x;
    return j;
  }

  // The lanes' input at t with their voltage v at t: the held current, the decaying currents and the conductances'
  // currents g(t) (reversal - v), in channel order. A conductance's current depends on the state: every stage of a
  // step evaluates it with the stage's v, and g decays exactly to the stage's time.
  Lanes input_at(double t, const Lanes& v) const {
    if (decays_.empty()) return current_;
    Lanes current = current_;
    for (std::size_t k = 0; k < decays_.size(); ++k) {
      if (reversals_[k]) {
        current += decaying_[k] * std::exp(-(t - decay_origin_) / decays_[k]) * (*reversals_[k] - v);
      } else {
        current += decaying_[k] * std::exp(-(t - decay_origin_) / decays_[k]);
      }
    }
    return current;
  }
  double input_at(double t, int lane, double v) const {
    double current = current_[lane];
    for (std::size_t k = 0; k < decays_.size(); ++k) {
      const double value = decaying_[k][lane] * std::exp(-(t - decay_origin_) / decays_[k]);
      current += reversals_[k] ? value * (*reversals_[k] - v) : value;
    }
    return current;
  }

  // The lanes' right-hand side with their inputs (the steppers call rhs(t, x)). Held: the input is the held current
  // alone (a block without decaying channels, advance_common's steps), read without looking at the channels.
  template <bool Held>
  struct LaneSystem {
    const LaneBlock& block;
    Block rhs(double t, const Block& x) const {
      const std::array<Lanes, N> state = columns(x);
      const std::array<Lanes, N> rates = block.model_.field(
          state, BasicDrive<Lanes>{Held ? block.current_ : block.input_at(t, state[0]), Lanes::Zero()});
      Block out;
      for (int i = 0; i < N; ++i) out.col(i) = rates[static_cast<std::size_t>(i)];
      return out;
    }
  };
  // One neuron's right-hand side with its input.
  struct NeuronSystem {
    const LaneBlock& block;
    const M& model;
    int lane;
    State rhs(double t, const State& x) const { return model.rhs(x, Drive{block.input_at(t, lane, x[0]), 0.0}); }
  };

  Lanes guard(const Block& x) const { return model_.spike_guard(columns(x)); }

  // Whether every guard is below zero and every value within 1e12 (false for NaN): the comparisons of four
  // doubles at a time (GCC's vector extensions: compares, a mask of the sign bit for |x|, and'ed masks; two
  // halves each where the target has no 32-byte vectors), one test at the end. Written out because the compiler
  // otherwise makes one scalar compare and branch of each.
  static bool common_end(const Lanes& guard_end, const Block& end) {
    using Quad = double __attribute__((vector_size(32)));
    using Mask = long long __attribute__((vector_size(32)));
    static_assert(lane_width % 4 == 0);
    const auto load = [](const double* at) {
      Quad quad;
      std::memcpy(&quad, at, sizeof quad);
      return quad;
    };
    constexpr long long all_but_sign = 0x7fffffffffffffffLL;
    const Mask magnitude = {all_but_sign, all_but_sign, all_but_sign, all_but_sign};
    const Quad zero = {0.0, 0.0, 0.0, 0.0}, bound = {1e12, 1e12, 1e12, 1e12};
    Mask common = {-1, -1, -1, -1};
    for (int lane = 0; lane < lane_width; lane += 4) common &= load(guard_end.data() + lane) < zero;
    for (int i = 0; i < lane_width * N; i += 4) {
      const Quad absolute = reinterpret_cast<Quad>(reinterpret_cast<Mask>(load(end.data() + i)) & magnitude);
      common &= absolute <= bound;
    }
#if defined(__AVX__)
    return _mm256_movemask_pd(reinterpret_cast<__m256d>(common)) == 0xf;  // the four sign bits in one instruction
#else
    return (common[0] & common[1] & common[2] & common[3]) != 0;
#endif
  }

  // The fixed-step driver's grid step for one lane: from t to target, split at the end of a hold and at each
  // located spike.
  template <class Stepper>
  [[gnu::noinline]] void step_alone(const Stepper& stepper, int lane, double t, double target,
                                    std::vector<LaneSpike>& spikes) {
    const M neuron = model(lane);
    const NeuronSystem system{*this, neuron, lane};
    State x = state(lane);
    double& hold_until = hold_until_[lane];
    while (t < target) {
      if (t < hold_until) {
        t = std::min(hold_until, target);
        continue;
      }
      const double h = target - t;
      const State slope = system.rhs(t, x);
      const State end = stepper.step(system, t, x, slope, h).end;
      if (!end.allFinite()) return diverged(lane, target, x);
      const State before = x;
      const double guard_start = neuron.guard(x), guard_end = neuron.guard(end);
      if (!(guard_start < 0.0 && guard_end >= 0.0)) {
        x = end;
        t = target;
      } else {
        const auto at = [&](double theta) -> State {
          if constexpr (Stepper::order <= 1) {
            return detail::LinearInterpolant<N>{x, end}(theta);
          } else {
            return detail::CubicHermiteInterpolant<N>{x, slope, end, system.rhs(target, end), h}(theta);
          }
        };
        const double theta =
            detail::located_crossing([&](double s) { return neuron.guard(at(s)); }, guard_start, guard_end);
        const double spike_time = t + theta * h;
        spikes.push_back({lane, spike_time});
        if constexpr (M::has_reset) {
          const ResetOutcome<N> outcome = neuron.reset(at(theta));
          x = outcome.state;
          hold_until = spike_time + outcome.hold_ms;
          latest_hold_ = std::max(latest_hold_, hold_until);
          t = spike_time;
          if (!(neuron.guard(x) < 0.0)) {
            return fail(lane, fmt::format("the reset at t = {:.17g} ms lands at or above the spike cutoff ({}); check "
                                          "c and vpeak",
                                          spike_time, describe(x)));
          }
        } else {
          x = end;
          t = target;
        }
      }
      if (!(x.array().abs() <= 1e12).all()) return diverged(lane, t, before);
    }
    x_.row(lane) = x.transpose().array();
  }

  // The messages of the single-neuron integrator (src/solve/hybrid_integrator.hpp).
  void fail(int lane, std::string message) {
    status_[static_cast<std::size_t>(lane)] = LaneStatus::failed;
    all_running_ = false;
    failures_[static_cast<std::size_t>(lane)] = std::move(message);
  }
  void diverged(int lane, double step_end, const State& before) {
    fail(lane, fmt::format("the state diverged (non-finite or beyond 1e12: a blow-up) in the step ending at t = "
                           "{:.17g} ms; state before that step: {}; use a smaller dt or a stabler method",
                           step_end, describe(before)));
  }

  static std::string describe(const State& x) {
    std::string text;
    for (int i = 0; i < N; ++i) {
      const auto& variable = M::state_variables[static_cast<std::size_t>(i)];
      text += fmt::format("{}{} = {:g} {}", i ? ", " : "", variable.name, x[i], variable.unit);
    }
    return text;
  }

  static std::array<Lanes, N> columns(const Block& x) {
    std::array<Lanes, N> values;
    for (int i = 0; i < N; ++i) values[static_cast<std::size_t>(i)] = x.col(i);
    return values;
  }

  LaneModel<M> model_;
  Block x_;
  Lanes current_;
  std::vector<double> decays_;                    // ms, one per decaying channel
  std::vector<std::optional<double>> reversals_;  // mV, one per channel: a conductance's reversal potential
  std::vector<Lanes> decaying_;                   // the channels' currents or conductances at decay_origin_
  double decay_origin_ = 0.0;                     // ms
  Lanes hold_until_;
  double latest_hold_ = -std::numeric_limits<double>::infinity();  // the largest hold_until_ ever set
  std::array<LaneStatus, lane_width> status_;
  std::array<std::string, lane_width> failures_;
  bool all_running_ = true;
};

}  // namespace neurodyn::population_detail
