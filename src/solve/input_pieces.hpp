#pragma once
// The input of one run cut into smooth pieces at the stimulus's jumps and bends (the samples of noise and
// tables included), so that no step straddles one: the drivers end a step at the next piece end, and the
// input inside a piece is evaluated with one-sided limits at its ends, so a stage that lands on a jump (up to
// rounding) sees the value of its own piece. Pieces are found one at a time (Stimulus::next_piece_end), so
// an input of 10^8 samples or pulses holds no list of them.
#include <algorithm>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::detail {

// The input current on each side of a piece end, for models whose state depends on I itself.
struct InputJump {
  double before = 0.0;
  double after = 0.0;
};

class InputPieces {
 public:
  // Pieces of [t_start, t_end], ms; jumps at the ends of the span need no splitting and are dropped.
  InputPieces(const Stimulus& stimulus, double t_start, double t_end)
      : stimulus_(stimulus), t_end_(t_end), piece_start_(t_start), piece_end_(end_after(t_start)),
        piece_input_(stimulus_.limit(piece_start_, Side::right)) {}

  const Stimulus& stimulus() const { return stimulus_; }
  double piece_start() const { return piece_start_; }
  double piece_end() const { return piece_end_; }
  // Whether the current piece ends at a break inside the span (not at t_end).
  bool ends_at_break() const { return piece_end_ < t_end_; }

  // The input at t on the current piece.
  Drive drive(double t) const {
    if (constant_input_) return piece_input_;
    if (t <= piece_start_) return stimulus_.limit(piece_start_, Side::right);
    if (t >= piece_end_) return stimulus_.limit(piece_end_, Side::left);
    return stimulus_.limit(t, Side::right);
  }

  // Moves to the next piece; returns the current on both sides of the break just crossed.
  InputJump cross_break() {
    const double at = piece_end_;
    const InputJump jump{stimulus_.limit(at, Side::left).current, stimulus_.limit(at, Side::right).current};
    piece_start_ = at;
    piece_end_ = end_after(at);
    piece_input_ = stimulus_.limit(piece_start_, Side::right);
    return jump;
  }

 private:
  // The end of the piece that starts at t: the next break, or t_end.
  double end_after(double t) const { return std::min(stimulus_.next_piece_end(t), t_end_); }

  const Stimulus& stimulus_;
  double t_end_;
  double piece_start_, piece_end_;
  Drive piece_input_;  // the input on the current piece, when it is constant there
  bool constant_input_ = stimulus_.piecewise_constant();
};

}  // namespace neurodyn::detail
