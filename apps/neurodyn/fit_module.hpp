#pragma once
// `neurodyn fit` lives in the module neurodyn-fit.so beside the executable (apps/neurodyn/fit_command.cpp): pagmo's
// static initialisers (its Boost.Serialization registrations) and its libraries (TBB, Boost) would otherwise be
// loaded and run at the start of every command.
#include "command_module.hpp"

namespace neurodyn::cli {

inline constexpr CommandModule fit_module_info{
    "fit",
    "Fit a model to a recording (ABF2, NWB, text): train on some sweeps, score on the others. The configuration "
    "(--config) names the recording, the sweeps, the model and its free parameters, the objective and the "
    "optimizer; flags override it. Writes fit.toml (the fitted model, for simulate --config), parameters.csv, "
    "history.csv, scores.csv and figures. Ctrl-C stops and keeps the best so far; --resume continues.",
    "neurodyn-fit.so", "neurodyn_add_fit_command", "neurodyn_fit_set_memory_budget"};

}  // namespace neurodyn::cli
