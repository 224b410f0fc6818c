#pragma once
// A recording made by simulating a known cell, for fits whose answer is known: the 2007 simple model with
// parameters away from every preset, driven by steps of current and sampled at 20 kHz with Gaussian noise.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "neurodyn/io/command_epochs.hpp"
#include "neurodyn/io/recording.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn::testing_fit {

// The cell: neither RS, IB, CH, FS, LTS, TC nor RTN.
inline ParameterValues true_cell() {
  return {{"C", 120.0}, {"k", 0.9}, {"vr", -63.0}, {"vt", -44.0}, {"vpeak", 32.0},
          {"a", 0.05},  {"b", 2.5}, {"c", -52.0},  {"d", 60.0}};
}

struct Protocol {
  std::vector<double> steps_pA{100.0, 200.0, 300.0, 400.0};
  double step_start_ms = 100.0;
  double step_end_ms = 600.0;
  double sweep_ms = 800.0;
  double sample_ms = 0.05;
  double noise_mV = 0.3;
  std::uint64_t seed = 7;
};

// One sweep per step amplitude: the cell simulated with dopri5 at rtol = atol = 1e-10 from v = vr, sampled on the
// grid, plus independent Gaussian noise (Box-Muller on mt19937_64, the same numbers on every platform).
inline Recording synthetic_recording(const ParameterValues& cell, const Protocol& protocol) {
  Recording recording;
  recording.path = "synthetic izh2007 cell";
  recording.format = RecordingFormat::text;
  std::mt19937_64 random(protocol.seed);
  const auto uniform = [&] { return (static_cast<double>(random() >> 11) + 0.5) * 0x1.0p-53; };
  for (std::size_t k = 0; k < protocol.steps_pA.size(); ++k) {
    Problem problem;
    problem.model = make_model("izh2007", cell);
    problem.initial_state = initial_state(problem.model, cell.at("vr"), std::nullopt);
    problem.stimulus = parse_stimulus(
        fmt::format("step:amp={},start={},stop={}", protocol.steps_pA[k], protocol.step_start_ms, protocol.step_end_ms),
        protocol.sweep_ms);
    problem.t_end = protocol.sweep_ms;
    MethodOptions method;
    method.name = "dopri5";
    method.rtol = method.atol = 1e-10;
    RecordOptions record;
    record.output_step = protocol.sample_ms;
    const Solution solution = solve(problem, method, record);
    Sweep sweep;
    sweep.number = static_cast<int>(k);
    sweep.name = fmt::format("sweep {}", k);
    RecordedChannel voltage{"v", "mV", {}};
    RecordedChannel command{"I", "pA", {}};
    for (std::size_t i = 0; i < solution.sample_count(); ++i) {
      const double t = solution.times[i];
      sweep.time_ms.push_back(t);
      const double noise =
          std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * std::numbers::pi * uniform()) * protocol.noise_mV;
      voltage.samples.push_back(solution.state(i, 0) + noise);
      command.samples.push_back(t > protocol.step_start_ms && t < protocol.step_end_ms ? protocol.steps_pA[k] : 0.0);
    }
    sweep.epochs = detect_command_epochs(sweep.time_ms, command.samples);
    sweep.command = std::move(command);
    sweep.command_source = "the protocol";
    sweep.channels.push_back(std::move(voltage));
    recording.sweeps.push_back(std::move(sweep));
  }
  return recording;
}

}  // namespace neurodyn::testing_fit
