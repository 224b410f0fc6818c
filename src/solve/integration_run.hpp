#pragma once
// The run behind neurodyn::Integration: one model, one method's driver, and the failure that ended it, if
// any. make_integration_run is defined in make_integration_run.hpp and compiled once per model, each model
// in a translation unit of its own (src/solve/model_instance.cpp.in), so this declaration is all that the
// rest of the library sees.
#include <memory>

#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/solve/integration.hpp"

namespace neurodyn {

class IntegrationRun {
 public:
  virtual ~IntegrationRun() = default;
  virtual SolveStatus advance_to(double t) = 0;
  virtual double time() const = 0;
  virtual Solution finish() = 0;
};

namespace detail {

// The run of `model` under the registered method named method.name; throws InputError where the method does
// not apply to the model or the problem. The run refers to its four arguments: they must outlive it.
template <NeuronModel M>
std::unique_ptr<IntegrationRun> make_integration_run(const M& model, const Problem& problem,
                                                     const MethodOptions& method, const RecordOptions& record);

}  // namespace detail
}  // namespace neurodyn
