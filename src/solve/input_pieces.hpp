#pragma once
// The input of one run cut into smooth pieces at the stimulus's jumps and bends, so that no step straddles
// one: the drivers end a step at the next piece end, and the input inside a piece is evaluated with one-sided
// limits at its ends, so a stage that lands on a jump (up to rounding) sees the value of its own piece.
#include <algorithm>
#include <cstddef>
#include <vector>

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
      : stimulus_(stimulus), t_end_(t_end), breaks_(stimulus.discontinuities(t_start, t_end)) {
    std::erase_if(breaks_, [&](double t) { return t <= t_start || t >= t_end; });
    piece_start_ = t_start;
    piece_end_ = breaks_.empty() ? t_end : breaks_.front();
    piece_input_ = stimulus_.limit(piece_start_, Side::right);
  }

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
    ++next_break_;
    piece_start_ = at;
    piece_end_ = next_break_ < breaks_.size() ? breaks_[next_break_] : t_end_;
    piece_input_ = stimulus_.limit(piece_start_, Side::right);
    return jump;
  }

 private:
  const Stimulus& stimulus_;
  double t_end_;
  std::vector<double> breaks_;
  std::size_t next_break_ = 0;
  double piece_start_ = 0.0, piece_end_ = 0.0;
  bool constant_input_ = stimulus_.piecewise_constant();
  Drive piece_input_;  // the input on the current piece, when it is constant there
};

}  // namespace neurodyn::detail
