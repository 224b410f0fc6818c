#pragma once
// The neurons of one group (one model) in lane blocks, behind an interface free of the model's type, so that a
// network holds groups of different models. Block b holds the group's neurons b*lane_width .. b*lane_width+7;
// the last block is padded with copies of the group's last neuron, whose spikes are dropped.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lanes.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/population/network.hpp"
#include "neurodyn/population/random_streams.hpp"

namespace neurodyn::population_detail {

// A spike of a group's neuron (index within the group) inside a bin.
struct GroupSpike {
  std::int64_t neuron;
  double time_ms;
};

// Where a block is advanced to: bin [start, end] on the grid origin + j dt, grid indices first .. last.
struct BinGrid {
  double dt;
  std::int64_t first, last;  // grid indices of the bin's ends
  double end_ms;             // the bin's end, the label of the spikes the published scheme finds there
};

class GroupEngine {
 public:
  virtual ~GroupEngine() = default;
  virtual std::int64_t size() const = 0;
  virtual std::size_t block_count() const = 0;
  virtual int dimension() const = 0;

  // Holds inputs[i] on neuron i of block b (lane_width values, padding included) over the bin, advances the
  // block over it and appends its spikes (in neuron order, each neuron's in time order). With `voltages`, also
  // writes each lane's first state variable at the end of every grid step: lane_width values a step.
  virtual void advance_converged(std::size_t b, const double* inputs, const BinGrid& bin,
                                 std::vector<GroupSpike>& spikes, double* voltages = nullptr) = 0;
  // advance_converged of blocks b and b + 1 (2 lane_width inputs, no voltages), their steps interleaved: the
  // same result as the two calls, faster.
  virtual void advance_converged_pair(std::size_t b, const double* inputs, const BinGrid& bin,
                                      std::vector<GroupSpike>& first_spikes, std::vector<GroupSpike>& second_spikes) {
    advance_converged(b, inputs, bin, first_spikes);
    advance_converged(b + 1, inputs + lane_width, bin, second_spikes);
  }
  // Decaying synaptic currents and conductances (LaneBlock::set_decays), one per channel, for every block.
  virtual void set_decays(const std::vector<DecayChannel>& channels) = 0;
  // Before block b's bin at t0 (ms): its decaying currents and conductances carried to t0 plus `jumps`
  // (lane_width values a channel).
  virtual void add_decaying_jumps(std::size_t b, double t0, const double* jumps) = 0;
  // net.m's update of one bin of length bin_ms with the inputs held: v two half steps, u one step from the new v.
  virtual void advance_published(std::size_t b, const double* inputs, double bin_ms) = 0;
  // net.m's spike test: the neurons of block b with v >= vpeak are reset and appended, labelled `label_ms`.
  virtual void fire_published(std::size_t b, double label_ms, std::vector<GroupSpike>& spikes) = 0;

  // Every block's state for a checkpoint (LaneBlock::save), and its return; restore() returns false when `saved`
  // is not the size that save() gives this group.
  virtual std::vector<double> save() const = 0;
  virtual bool restore(std::span<const double> saved) = 0;

  virtual std::vector<double> state(std::int64_t neuron) const = 0;
  // The neuron's parameters, by name.
  virtual ParameterValues parameters(std::int64_t neuron) const = 0;
  // Whether a neuron of block b failed (diverged), and why a neuron failed (nothing if it did not).
  virtual bool block_failed(std::size_t b) const = 0;
  virtual std::optional<std::string> failure(std::int64_t neuron) const = 0;
};

// The group's engine with every neuron's parameters and initial state drawn (throws InputError for a model that
// does not run in lanes, an unknown parameter or state variable, or a drawn value outside the model's table).
// `first_neuron` is the group's first global index (it keys the random draws); `method` names the converged
// semantics' stepper.
std::unique_ptr<GroupEngine> make_group_engine(const NeuronGroup& group, std::int64_t first_neuron, std::uint64_t seed,
                                               const std::string& method);

// A group of the neurons given (all of one model), each with its initial state; throws InputError for a model
// that does not run in lanes or an unknown method.
std::unique_ptr<GroupEngine> make_group_engine(const std::vector<AnyModel>& neurons,
                                               const std::vector<std::vector<double>>& states,
                                               const std::string& method);

// The models that run in lanes (population_detail::LaneSteppable), and the check that names them.
const std::vector<std::string_view>& lane_models();
void require_lane_model(std::string_view model);

// The value of one draw for (neuron, slot): `r` is the neuron's own U(0, 1) for polynomial draws.
// Inline: the synapse table draws one for every synapse.
inline double draw_value(const Draw& draw, double r, std::uint64_t seed, RandomStream stream, std::uint64_t a,
                         std::uint64_t b, std::uint64_t c = 0) {
  switch (draw.kind) {
    case Draw::Kind::fixed:
      return draw.value;
    case Draw::Kind::uniform:
      return draw.low + (draw.high - draw.low) * uniform01(seed, stream, a, b, c);
    case Draw::Kind::normal:
      return draw.low + draw.high * standard_normal_pair(seed, stream, a, b, c).x;
    case Draw::Kind::polynomial: {
      // c0 + c1 r + c2 r^2 + ..., each power by repeated products, summed from the constant up: net.m's
      // -65 + 15*r.^2 gives the same bits.
      double sum = draw.coefficients.empty() ? 0.0 : draw.coefficients[0];
      double power = 1.0;
      for (std::size_t k = 1; k < draw.coefficients.size(); ++k) {
        power = k == 1 ? r : power * r;
        sum = sum + draw.coefficients[k] * power;
      }
      return sum;
    }
  }
  return 0.0;
}

}  // namespace neurodyn::population_detail
