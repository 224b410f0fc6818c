#include "neurodyn/pinn/inverse_pinn.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <unsupported/Eigen/LevenbergMarquardt>

#include "checkpoint_archive.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/population/random_streams.hpp"
#include "neurodyn/text_input.hpp"
#include "pinn_detail.hpp"

namespace neurodyn {
namespace {

// A residual that marks a trial the PINN cannot run (a parameter outside its table, a window never accepted): far
// larger than any fit, so Levenberg-Marquardt steps back.
constexpr double refused_residual = 1e6;

struct Stretch {
  std::size_t first, last;  // sample indices
};

// The stretches of the data: from the first sample after each reset (a fall of more than 20 mV between samples) to
// the last sample below the cap, cut at the input's jumps; the first stretch only if the trace starts below the cap.
std::vector<Stretch> find_stretches(const Problem& problem, const VoltageTrace& data,
                                    const InversePinnOptions& options) {
  const std::vector<double> jumps = problem.stimulus.discontinuities(data.t_ms.front(), data.t_ms.back());
  std::vector<Stretch> stretches;
  std::size_t first = 0;
  bool open = data.v_mV.front() < options.voltage_cap_mV;
  const auto close = [&](std::size_t last) {
    if (open && last > first && data.t_ms[last] - data.t_ms[first] >= options.min_stretch_ms) {
      stretches.push_back({first, last});
    }
    open = false;
  };
  for (std::size_t i = 1; i < data.t_ms.size(); ++i) {
    const bool reset = data.v_mV[i] < data.v_mV[i - 1] - 20.0;
    const auto jump = std::ranges::upper_bound(jumps, data.t_ms[i - 1]);
    if (reset || (jump != jumps.end() && *jump <= data.t_ms[i])) {
      close(i - 1);
      first = i;
      open = data.v_mV[i] < options.voltage_cap_mV;
    } else if (open && data.v_mV[i] >= options.voltage_cap_mV) {
      close(i - 1);
    }
  }
  close(data.t_ms.size() - 1);
  return stretches;
}

class InverseFit : public Eigen::DenseFunctor<double> {
 public:
  using Index = Eigen::Index;

  InverseFit(const Problem& problem, const VoltageTrace& data, const InversePinnOptions& options,
             std::vector<Stretch> stretches, double step)
      : Eigen::DenseFunctor<double>(static_cast<int>(options.unknowns.size() + 2 * stretches.size()),
                                    static_cast<int>(sample_count(stretches))),
        problem_(problem),
        data_(data),
        options_(options),
        stretches_(std::move(stretches)),
        step_(step) {
    std::size_t offset = 0;
    for (const Stretch& s : stretches_) {
      offsets_.push_back(offset);
      offset += s.last - s.first + 1;
    }
  }

  static std::size_t sample_count(const std::vector<Stretch>& stretches) {
    std::size_t count = 0;
    for (const Stretch& s : stretches) count += s.last - s.first + 1;
    return count;
  }

  int operator()(const InputType& x, ValueType& residual) {
    residual.resize(values());
    for (std::size_t k = 0; k < stretches_.size(); ++k) stretch_residual(x, k, residual);
    return 0;
  }

  // Forward differences; a stretch's own start (v_k, u_k) moves only its rows.
  int df(const InputType& x, JacobianType& jacobian) {
    ValueType base(values());
    operator()(x, base);
    jacobian.setZero(values(), inputs());
    const auto column = [&](Index j, auto&& fill) {
      InputType moved = x;
      const double h = 1e-6 * std::max(std::abs(x[j]), j < unknown_count() ? 1e-2 : 1.0);
      moved[j] += h;
      ValueType shifted = base;
      fill(moved, shifted);
      jacobian.col(j) = (shifted - base) / h;
    };
    for (Index j = 0; j < unknown_count(); ++j) {
      column(j, [&](const InputType& moved, ValueType& shifted) {
        for (std::size_t k = 0; k < stretches_.size(); ++k) stretch_residual(moved, k, shifted);
      });
    }
    for (std::size_t k = 0; k < stretches_.size(); ++k) {
      for (Index j : {unknown_count() + 2 * static_cast<Index>(k), unknown_count() + 2 * static_cast<Index>(k) + 1}) {
        column(j, [&](const InputType& moved, ValueType& shifted) { stretch_residual(moved, k, shifted); });
      }
    }
    return 0;
  }

  Index unknown_count() const { return static_cast<Index>(options_.unknowns.size()); }
  int forward_runs() const { return forward_runs_; }

  // The PINN of stretch k at the data times, or nothing when it cannot be run.
  std::optional<Solution> stretch_trace(const InputType& x, std::size_t k) {
    const Stretch& s = stretches_[k];
    ParameterValues values;
    for (Index j = 0; j < unknown_count(); ++j) values[options_.unknowns[static_cast<std::size_t>(j)]] = x[j];
    ++forward_runs_;
    try {
      Problem stretch = with_constants(problem_, values);
      stretch.t_start = data_.t_ms[s.first];
      stretch.t_end = data_.t_ms[s.last] + 0.5 * step_;
      const Index start = unknown_count() + 2 * static_cast<Index>(k);
      stretch.initial_state = {x[start], x[start + 1]};
      EventPinnOptions pinn = options_.pinn;
      pinn.output_step_ms = step_;
      pinn.output_offset = 0.0;  // the trace at the data times, from the stretch's first sample on
      Solution trace = run_event_pinn(stretch, pinn).trace;
      if (!trace.ok() || trace.sample_count() != s.last - s.first + 1) return std::nullopt;
      return trace;
    } catch (const InputError&) {
      return std::nullopt;
    }
  }

 private:
  void stretch_residual(const InputType& x, std::size_t k, ValueType& residual) {
    const Stretch& s = stretches_[k];
    const std::optional<Solution> trace = stretch_trace(x, k);
    for (std::size_t i = 0; i <= s.last - s.first; ++i) {
      residual[static_cast<Index>(offsets_[k] + i)] =
          trace ? (trace->state(i, 0) - data_.v_mV[s.first + i]) / options_.noise_mV : refused_residual;
    }
  }

  const Problem& problem_;
  const VoltageTrace& data_;
  const InversePinnOptions& options_;
  std::vector<Stretch> stretches_;
  double step_;
  std::vector<std::size_t> offsets_;
  int forward_runs_ = 0;
};

// u at the start of a stretch from the data: the v equation v' = g(v, I) + c u solved for u, with v' from a line
// through the first millisecond of samples.
double recovery_from_data(const Problem& problem, const VoltageTrace& data, const Stretch& s, double step) {
  const std::size_t count =
      std::min<std::size_t>(s.last - s.first + 1, std::max<std::size_t>(3, std::lround(1.0 / step)));
  Eigen::MatrixXd design(count, 2);
  Eigen::VectorXd v(count);
  for (std::size_t i = 0; i < count; ++i) {
    design(static_cast<Eigen::Index>(i), 0) = 1.0;
    design(static_cast<Eigen::Index>(i), 1) = data.t_ms[s.first + i] - data.t_ms[s.first];
    v[static_cast<Eigen::Index>(i)] = data.v_mV[s.first + i];
  }
  const Eigen::Vector2d line = design.colPivHouseholderQr().solve(v);
  const double t = data.t_ms[s.first];
  return std::visit(
      [&](const auto& m) -> double {
        using M = std::decay_t<decltype(m)>;
        if constexpr (M::dimension == 2) {
          const Drive drive = problem.stimulus.at(t);
          const double g = m.rhs(typename M::State(line[0], 0.0), drive)[0];
          const double c = m.rhs(typename M::State(line[0], 1.0), drive)[0] - g;
          return (line[1] - g) / c;
        } else {
          throw std::logic_error("the inverse PINN's start of u on a model of dimension other than 2");
        }
      },
      problem.model);
}

}  // namespace

ParameterValues problem_constants(const Problem& problem) {
  ParameterValues constants = parameter_values(problem.model);
  const std::vector<StimulusComponent>& components = problem.stimulus.components();
  if (components.size() == 1 && std::holds_alternative<StepCurrent>(components.front())) {
    constants[std::string(input_unknown)] = std::get<StepCurrent>(components.front()).amplitude;
  }
  return constants;
}

Problem with_constants(const Problem& problem, const ParameterValues& values) {
  Problem changed = problem;
  ParameterValues parameters = parameter_values(problem.model);
  for (const auto& [name, value] : values) {
    if (name != input_unknown) {
      parameters[name] = value;
      continue;
    }
    const std::vector<StimulusComponent>& components = problem.stimulus.components();
    if (components.size() != 1 || !std::holds_alternative<StepCurrent>(components.front())) {
      throw InputError(
          fmt::format("unknowns: '{}' is the amplitude of a stimulus of one step or const component; the "
                      "stimulus is '{}'",
                      input_unknown, problem.stimulus.spec()));
    }
    StepCurrent step = std::get<StepCurrent>(components.front());
    step.amplitude = value;
    changed.stimulus = Stimulus({step});
  }
  changed.model = make_model(model_name(problem.model), parameters);
  return changed;
}

VoltageTrace noisy_voltage(const Problem& problem, double step_ms, double noise_mV, std::uint64_t seed) {
  if (!(step_ms > 0.0)) throw InputError(fmt::format("data_step_ms = {:g}: must be positive", step_ms));
  if (!(noise_mV >= 0.0)) throw InputError(fmt::format("noise_mV = {:g}: must be zero or positive", noise_mV));
  MethodOptions method;
  method.name = "cvode-adams";
  method.rtol = method.atol = 1e-12;
  RecordOptions record;
  record.output_step = step_ms;
  const Solution solution = solve(problem, method, record);
  if (!solution.ok()) throw InputError("the simulated recording failed: " + solution.message);
  VoltageTrace trace;
  for (std::size_t i = 0; i < solution.sample_count(); ++i) {
    trace.t_ms.push_back(solution.times[i]);
    trace.v_mV.push_back(solution.state(i, 0) +
                         noise_mV * standard_normal(seed, RandomStream::measurement_noise, 0, i));
  }
  return trace;
}

VoltageTrace read_voltage_trace(const std::filesystem::path& path) {
  std::ifstream in = open_text_input(path, "trace");
  VoltageTrace trace;
  std::string line;
  for (long number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.starts_with('#') || line == "\r") continue;
    const std::vector<std::string_view> fields = csv_fields(line);
    const bool names = trace.t_ms.empty() && !fields.empty() && !fields[0].empty() &&
                       (std::isalpha(static_cast<unsigned char>(fields[0].front())) != 0);
    if (names) continue;
    if (fields.size() < 2) {
      throw InputError(fmt::format("{}:{}: a trace row needs two columns, time_ms and v_mV; found {}", path.string(),
                                   number, fields.size()));
    }
    trace.t_ms.push_back(parse_number_field(fields[0], path, number, "time_ms"));
    trace.v_mV.push_back(parse_number_field(fields[1], path, number, "v_mV"));
  }
  if (trace.t_ms.size() < 3) {
    throw InputError(fmt::format("{}: a trace needs at least three rows of time_ms, v_mV; found {}", path.string(),
                                 trace.t_ms.size()));
  }
  return trace;
}

void validate(const InversePinnOptions& options) {
  const auto require = detail::require_option;
  require(options.noise_mV > 0.0, "noise_mV", options.noise_mV, "positive (the data's noise sd, mV)");
  require(options.min_stretch_ms > 0.0, "min_stretch_ms", options.min_stretch_ms, "a positive number of ms");
  require(options.max_iterations >= 1 && options.max_iterations <= 10000, "max_iterations", options.max_iterations,
          "between 1 and 10000");
  require(options.data_step_ms > 0.0, "data_step_ms", options.data_step_ms, "a positive number of ms");
  if (options.unknowns.empty()) throw InputError("unknowns: empty; name at least one parameter to identify");
  validate(options.pinn);
}

InversePinnRun run_inverse_pinn(const Problem& problem, const VoltageTrace& data, const InversePinnOptions& options,
                                const InverseProgress& progress, const TrainingCheckpoint& checkpoint) {
  validate(options);
  const auto clock_start = std::chrono::steady_clock::now();
  const std::string name(model_name(problem.model));
  if (name != "izh2003" && name != "izh2007") {
    throw InputError(fmt::format("model: the inverse PINN identifies izh2003 and izh2007; got '{}'", name));
  }
  if (data.t_ms.size() != data.v_mV.size() || data.t_ms.size() < 3) {
    throw InputError("trace: needs at least three samples of time and voltage");
  }
  const double step = (data.t_ms.back() - data.t_ms.front()) / static_cast<double>(data.t_ms.size() - 1);
  for (std::size_t i = 1; i < data.t_ms.size(); ++i) {
    if (std::abs(data.t_ms[i] - data.t_ms[i - 1] - step) > 1e-6 * step) {
      throw InputError(
          fmt::format("trace: the samples must be uniform in time; the step at {} ms is {:g} ms, the "
                      "mean step {:g} ms",
                      data.t_ms[i - 1], data.t_ms[i] - data.t_ms[i - 1], step));
    }
  }
  const ModelInfo& info = model_info(name);
  InversePinnRun run;
  std::vector<double> starts;
  ParameterValues start_values;
  const ParameterValues constants = problem_constants(problem);
  for (const std::string& unknown : options.unknowns) {
    if (!constants.contains(unknown)) {
      throw InputError(unknown == input_unknown
                           ? fmt::format("unknowns: '{}' is the amplitude of a stimulus of one step or const "
                                         "component; the stimulus is '{}'",
                                         input_unknown, problem.stimulus.spec())
                           : fmt::format("unknowns: '{}' is not a parameter of {} nor the input '{}'", unknown, name,
                                         input_unknown));
    }
    double start = constants.at(unknown);
    const auto range = std::ranges::find(info.fitting_ranges, unknown, &FittingRange::name);
    if (const auto given = options.start.find(unknown); given != options.start.end()) {
      start = given->second;
    } else if (range != info.fitting_ranges.end()) {
      start = 0.5 * (range->min + range->max);
    }
    starts.push_back(start);
    start_values[unknown] = start;
    run.parameters.push_back({unknown, start, start, 0.0});
  }
  const Problem start_problem = with_constants(problem, start_values);
  const std::vector<Stretch> stretches = find_stretches(problem, data, options);
  if (stretches.empty()) {
    throw InputError(
        fmt::format("trace: no stretch of at least {:g} ms below the voltage cap {:g} mV between resets; "
                    "nothing to identify from",
                    options.min_stretch_ms, options.voltage_cap_mV));
  }
  Eigen::VectorXd x(static_cast<Eigen::Index>(starts.size() + 2 * stretches.size()));
  for (std::size_t j = 0; j < starts.size(); ++j) x[static_cast<Eigen::Index>(j)] = starts[j];
  for (std::size_t k = 0; k < stretches.size(); ++k) {
    const Eigen::Index at = static_cast<Eigen::Index>(starts.size() + 2 * k);
    x[at] = data.v_mV[stretches[k].first];
    x[at + 1] = recovery_from_data(start_problem, data, stretches[k], step);
    run.stretches.emplace_back(data.t_ms[stretches[k].first], data.t_ms[stretches[k].last]);
  }

  double seconds_before = 0.0;  // spent before a resume
  int forward_runs_before = 0;
  if (checkpoint.resumes()) {
    detail::read_checkpoint(checkpoint, [&](torch::serialize::InputArchive& archive) {
      const std::vector<double> saved = detail::read_values(archive, "x");
      if (saved.size() != static_cast<std::size_t>(x.size())) {
        throw InputError(fmt::format("checkpoint {}: holds {} unknowns; this run has {}", checkpoint.path.string(),
                                     saved.size(), x.size()));
      }
      x = Eigen::Map<const Eigen::VectorXd>(saved.data(), x.size());
      run.loss = detail::read_values(archive, "loss");
      run.iterations = static_cast<int>(run.loss.size());
      forward_runs_before = static_cast<int>(detail::read_count(archive, "forward_runs"));
      seconds_before = detail::read_number(archive, "training_seconds");
    });
  }
  InverseFit fit(problem, data, options, stretches, step);
  const auto elapsed = [&] {
    return seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  };
  CheckpointSchedule schedule(checkpoint);
  const auto keep = [&] {
    torch::serialize::OutputArchive archive;
    detail::write_values(archive, "x", std::vector<double>(x.data(), x.data() + x.size()));
    detail::write_values(archive, "loss", run.loss);
    detail::write_count(archive, "forward_runs", forward_runs_before + fit.forward_runs());
    detail::write_number(archive, "training_seconds", elapsed());
    detail::write_checkpoint(checkpoint, archive);
  };
  Eigen::LevenbergMarquardt<InverseFit> minimizer(fit);
  minimizer.setXtol(1e-10);
  minimizer.setFtol(1e-10);
  Eigen::LevenbergMarquardtSpace::Status status = minimizer.minimizeInit(x);
  if (status == Eigen::LevenbergMarquardtSpace::ImproperInputParameters) {
    throw std::logic_error("the inverse PINN's Levenberg-Marquardt refused its inputs");
  }
  for (status = Eigen::LevenbergMarquardtSpace::Running;
       status == Eigen::LevenbergMarquardtSpace::Running && run.iterations < options.max_iterations;) {
    status = minimizer.minimizeOneStep(x);
    ++run.iterations;
    const double loss = minimizer.fvec().squaredNorm();
    run.loss.push_back(loss);
    if (schedule.due(false)) keep();
    schedule.stop_if_requested();
    if (progress) progress(run.iterations, loss);
  }

  // Standard errors from the Jacobian at the solution.
  Eigen::MatrixXd jacobian;
  fit.df(x, jacobian);
  Eigen::VectorXd residual;
  fit(x, residual);
  const double variance =
      residual.squaredNorm() / static_cast<double>(std::max<Eigen::Index>(1, residual.size() - x.size()));
  const Eigen::MatrixXd covariance =
      (jacobian.transpose() * jacobian).completeOrthogonalDecomposition().pseudoInverse() * variance;
  for (std::size_t j = 0; j < starts.size(); ++j) {
    const auto at = static_cast<Eigen::Index>(j);
    run.parameters[j].value = x[at];
    run.parameters[j].standard_error = std::sqrt(std::max(0.0, covariance(at, at)));
  }
  double squares = 0.0;
  std::size_t count = 0;
  for (std::size_t k = 0; k < stretches.size(); ++k) {
    const std::optional<Solution> trace = fit.stretch_trace(x, k);
    if (!trace) continue;
    for (std::size_t i = 0; i < trace->sample_count(); ++i) {
      run.t_ms.push_back(data.t_ms[stretches[k].first + i]);
      run.v_mV.push_back(trace->state(i, 0));
      squares += std::pow(trace->state(i, 0) - data.v_mV[stretches[k].first + i], 2);
      ++count;
    }
  }
  run.data_rms_mV = std::sqrt(squares / static_cast<double>(std::max<std::size_t>(1, count)));
  run.forward_runs = forward_runs_before + fit.forward_runs();
  run.training_seconds = elapsed();
  return run;
}

}  // namespace neurodyn
