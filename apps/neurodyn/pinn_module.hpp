#pragma once
// `neurodyn pinn` lives in the module neurodyn-pinn.so beside the executable (apps/neurodyn/pinn_command.cpp, built
// with NEURODYN_PINN): loading LibTorch takes about half a second that no other command should pay.
#include "command_module.hpp"

namespace neurodyn::cli {

inline constexpr CommandModule pinn_module_info{
    "pinn",
    "Train a physics-informed neural network on one neuron's problem (or identify its constants from a voltage "
    "trace) and score it against the converged reference (`neurodyn pinn --help` lists its modes and options).",
    "neurodyn-pinn.so", "neurodyn_add_pinn_command", "neurodyn_pinn_set_memory_budget"};

}  // namespace neurodyn::cli
