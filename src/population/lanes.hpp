#pragma once
// A lane block: the neurons of a population taken lane_width at a time, each state variable and each parameter
// an Eigen array with one element per neuron. The models' equation templates (neuron_model.hpp) evaluate on it
// element by element with the operations, and in the order, of the double evaluation, so every neuron gets the
// bits it would get alone; the compiler runs the elements through the vector unit.
#include <Eigen/Core>
#include <cstddef>
#include <optional>

#include "neurodyn/model/model_traits.hpp"
#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn::population_detail {

inline constexpr int lane_width = 8;
using Lanes = Eigen::Array<double, lane_width, 1>;

// A channel of decaying synaptic input: a current (exponential synapses) or a conductance whose current is
// g (reversal_mv - v) (conductance synapses), decaying with tau_ms.
struct DecayChannel {
  double tau_ms = 0.0;
  std::optional<double> reversal_mv;  // a conductance's reversal potential (mV); none for a current
  bool operator==(const DecayChannel&) const = default;
};

// The model M = Model<double> with a parameter per lane: Model<Lanes>.
template <class M>
struct LaneModelOf;
template <template <class> class Model>
struct LaneModelOf<Model<double>> {
  using type = Model<Lanes>;
};
template <class M>
using LaneModel = typename LaneModelOf<M>::type;

// A model whose equations evaluate on lanes with a parameter per lane (model_traits.hpp: no branch on the
// state), and whose state does not depend on the input itself (an input jump leaves it unchanged), so that a
// held input needs no more than its value.
template <class M>
concept LaneSteppable = NeuronModel<M> && !StateFollowsInput<M> && !BranchesOnState<M> && requires {
  typename LaneModel<M>;
}
&&EvaluatesOn<LaneModel<M>, Lanes>;

// Puts the parameters of `model` into lane `lane` of `lanes`, row by row through the parameter table.
template <class M>
void set_lane(LaneModel<M>& lanes, int lane, const M& model) {
  for (std::size_t i = 0; i < M::parameters.size(); ++i) {
    (lanes.*(LaneModel<M>::parameters[i].member))[lane] = model.*(M::parameters[i].member);
  }
}

// The model of one lane.
template <class M>
M lane_model(const LaneModel<M>& lanes, int lane) {
  M model;
  for (std::size_t i = 0; i < M::parameters.size(); ++i) {
    model.*(M::parameters[i].member) = (lanes.*(LaneModel<M>::parameters[i].member))[lane];
  }
  return model;
}

}  // namespace neurodyn::population_detail
