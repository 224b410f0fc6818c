#pragma once
// The input of one run cut into smooth pieces at the stimulus's jumps and bends (the samples of noise and
// tables included) and at the times of input events (input_events.hpp), so that no step straddles one: the
// drivers end a step at the next piece end, and the input inside a piece is evaluated with one-sided limits at
// its ends, so a stage that lands on a jump (up to rounding) sees the value of its own piece. Pieces are found
// one at a time (Stimulus::next_piece_end), so an input of 10^8 samples or pulses holds no list of them.
#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "neurodyn/solve/input_events.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::detail {

// The input current on each side of a piece end, for models whose state depends on I itself, and the events
// delivered there that jump a state variable.
struct InputJump {
  double before = 0.0;
  double after = 0.0;
  std::span<const InputEvent> state_jumps;
};

class InputPieces {
 public:
  // Pieces of [t_start, t_end], ms; jumps at the ends of the span need no splitting and are dropped. Events
  // before t_start or at or after t_end do not act; current events at t_start are in the first piece's input.
  InputPieces(const Stimulus& stimulus, double t_start, double t_end, const InputEvents& events = {})
      : stimulus_(stimulus), t_end_(t_end), decay_(events.current_decay), piece_start_(t_start) {
    for (const InputEvent& event : events.events) {
      if (event.time >= t_start && event.time < t_end) events_.push_back(event);
    }
    std::ranges::stable_sort(events_, {}, &InputEvent::time);
    if (!std::isinf(decay_)) constant_input_ = false;
    event_current_ = take_current_events(t_start);
    take_state_jumps(t_start);  // none: solve() refuses a state jump at t_start (it belongs in the initial state)
    piece_end_ = end_after(t_start);
    piece_input_ = with_events(stimulus_.limit(piece_start_, Side::right), piece_start_);
  }

  const Stimulus& stimulus() const { return stimulus_; }
  double piece_start() const { return piece_start_; }
  double piece_end() const { return piece_end_; }
  // Whether the current piece ends at a break inside the span (not at t_end).
  bool ends_at_break() const { return piece_end_ < t_end_; }

  // The input at t on the current piece.
  Drive drive(double t) const {
    if (constant_input_) return piece_input_;
    if (t <= piece_start_) return with_events(stimulus_.limit(piece_start_, Side::right), piece_start_);
    if (t >= piece_end_) return with_events(stimulus_.limit(piece_end_, Side::left), piece_end_);
    return with_events(stimulus_.limit(t, Side::right), t);
  }

  // Moves to the next piece; returns the current on both sides of the break just crossed and the state jumps
  // delivered there (valid until the next crossing).
  InputJump cross_break() {
    const double at = piece_end_;
    InputJump jump{with_events(stimulus_.limit(at, Side::left), at).current, 0.0, {}};
    event_current_ = decayed(at) + take_current_events(at);
    jump.state_jumps = take_state_jumps(at);
    piece_start_ = at;
    piece_end_ = end_after(at);
    piece_input_ = with_events(stimulus_.limit(piece_start_, Side::right), piece_start_);
    jump.after = piece_input_.current;
    return jump;
  }

 private:
  // The end of the piece that starts at t: the next break of the stimulus, the next event, or t_end.
  double end_after(double t) const {
    const double next_event = next_event_ < events_.size() ? events_[next_event_].time : t_end_;
    return std::min({stimulus_.next_piece_end(t), next_event, t_end_});
  }

  // The event current at t inside the current piece: I_syn(piece start) exp(-(t - piece start) / tau).
  double decayed(double t) const { return event_current_ * std::exp(-(t - piece_start_) / decay_); }

  Drive with_events(Drive stimulus_input, double t) const {
    if (event_current_ == 0.0) return stimulus_input;
    const double current = decayed(t);
    return {stimulus_input.current + current, stimulus_input.slope - current / decay_};
  }

  // The sum of the weights of the current events at t (the next ones in time order).
  double take_current_events(double t) {
    double sum = 0.0;
    for (std::size_t i = next_event_; i < events_.size() && events_[i].time == t; ++i) {
      if (events_[i].target == InputEvent::input_current) sum += events_[i].weight;
    }
    return sum;
  }

  // The state jumps at t; moves past every event at t.
  std::span<const InputEvent> take_state_jumps(double t) {
    state_jumps_.clear();
    for (; next_event_ < events_.size() && events_[next_event_].time == t; ++next_event_) {
      if (events_[next_event_].target != InputEvent::input_current) state_jumps_.push_back(events_[next_event_]);
    }
    return state_jumps_;
  }

  const Stimulus& stimulus_;
  double t_end_;
  double decay_;                     // ms; +infinity: event currents persist
  std::vector<InputEvent> events_;   // those in [t_start, t_end), by time
  std::size_t next_event_ = 0;       // the first event not yet delivered
  std::vector<InputEvent> state_jumps_;
  double event_current_ = 0.0;       // the event current at the start of the current piece
  double piece_start_, piece_end_ = 0.0;
  Drive piece_input_;  // the input on the current piece, when it is constant there
  bool constant_input_ = stimulus_.piecewise_constant();
};

}  // namespace neurodyn::detail
