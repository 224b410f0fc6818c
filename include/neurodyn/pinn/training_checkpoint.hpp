#pragma once
// Where a PINN run keeps its state so that a stopped run resumes: a file in LibTorch's archive format
// (torch::serialize), written at most every interval_s and atomically (a temporary beside it, then renamed), holding
// the run's identity. Every mode keeps one: the global networks their weights, Adam's moments and the schedule's
// state; the event-driven PINN the windows done so far; the inverse mode the Levenberg-Marquardt iterate. A PINN run
// with `resume` and no file at `path` starts afresh.
#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn {

using TrainingCheckpoint = RunCheckpoint;

}  // namespace neurodyn
