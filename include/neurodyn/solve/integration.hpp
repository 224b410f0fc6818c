#pragma once
// A run that can be continued: advance_to(t) integrates up to t and returns once every spike up to t is
// final, and a later call continues where it stopped. The run may step past t internally (fixed-step methods
// stay on their grid, adaptive methods keep their step-size history), so a run advanced to its end in one
// call or in a thousand gives the same bytes. solve() is one Integration advanced to t_end.
#include <memory>

#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// The type-erased run of one model under one method (one implementation per model, integration_run.hpp).
class IntegrationRun;

class Integration {
 public:
  // Validates the problem and the options (throws InputError naming the field) and sets up the run at
  // problem.t_start. Problem, options and recorder are copied.
  Integration(const Problem& problem, const MethodOptions& method, const RecordOptions& record = {});
  ~Integration();
  Integration(Integration&&) noexcept;
  Integration& operator=(Integration&&) noexcept;

  // Integrates up to t (ms, clamped to t_end). A numerical failure ends the run: its status comes back
  // here and from every later call, and finish() carries the message.
  SolveStatus advance_to(double t);

  // Where the run stands (ms): at or past the last target, or where it failed.
  double time() const;

  // The samples, spikes, statistics and status of the run so far; the Integration is spent after it.
  Solution finish();

 private:
  struct Inputs;
  std::unique_ptr<Inputs> inputs_;  // the copies the run refers to
  std::unique_ptr<IntegrationRun> run_;
};

}  // namespace neurodyn
