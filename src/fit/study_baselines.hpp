#pragma once
// The three optimizers of the earlier fitting study (docs/reference.md 6.4), rebuilt as it described them so that a
// study can set them beside pagmo's and NLopt's at the same budget. They run on the unit cube of the free
// parameters (its [-1, 1] bounds are the cube's [0, 1]; a step of 0.001 there is 0.0005 here) and through the same
// ledger as every optimizer; the study's defects are not copied: they use the recorded command, clamp to the
// ranges (the study's annealing was unbounded, which leaves the parameter table) and return the best point seen.
//   study-gd  gradient descent, forward differences with step 1e-8, learning rate 0.001, 100 iterations, from the
//             start point (optimizer.start)
//   study-sa  simulated annealing from the start point: T0 = 1, geometric cooling by 0.999 down to 1e-4 (9,206
//             iterations), a proposal adding U(-0.5, 0.5) to every coordinate, Metropolis acceptance
//   study-ga  genetic algorithm: population 50, the best 25 kept as parents, each child the first gene of one parent
//             and the rest of another (single-point crossover after the first gene), one gene mutated by
//             U(-0.0005, 0.0005); 100 generations
#include "evaluation_ledger.hpp"

namespace neurodyn::fit_detail {

bool is_study_baseline(std::string_view name);

// Runs the plan's baseline until it ends (converged: its own iteration count) or the ledger ends it.
FitEnd run_study_baseline(const FitPlan& plan, EvaluationLedger& ledger);

}  // namespace neurodyn::fit_detail
