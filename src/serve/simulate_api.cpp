#include "neurodyn/serve/simulate_api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <string>
#include <variant>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/method_options.hpp"
#include "neurodyn/solve/solve.hpp"
#include "run_json.hpp"
#include "simulate_request.hpp"
#include "work_limits.hpp"

namespace neurodyn {

namespace {

using namespace serve_detail;

// The method's name and every option it reads.
nlohmann::json method_json(const MethodOptions& method) {
  nlohmann::json json = {{"name", method.name}};
  for (const MethodOptionInfo& option : method_option_table()) {
    if (!option_applies_to(option, method.name)) continue;
    std::visit([&](const auto& value) { json[std::string(option.name)] = value; }, option.get(method));
  }
  return json;
}

nlohmann::json run_json(const EffectiveRun& run) {
  return {{"preset", run.preset ? nlohmann::json(*run.preset) : nlohmann::json(nullptr)},
          {"model", run.model},
          {"parameters", run.parameters},
          {"initial_state", run.initial_state},
          {"stimulus", run.stimulus},
          {"t_end", run.t_end},
          {"method", method_json(run.method)}};
}

// What one run answers: its effective settings, status, trace, spikes and statistics.
nlohmann::json solved_json(const EffectiveRun& run, const Solution& solution, std::size_t samples,
                           const ApiLimits& limits) {
  const std::size_t shown_spikes = std::min(solution.spike_times.size(), limits.max_samples);
  const std::vector<double> spikes(solution.spike_times.begin(),
                                   solution.spike_times.begin() + static_cast<std::ptrdiff_t>(shown_spikes));
  return {{"run", run_json(run)},
          {"status", to_string(solution.status)},
          {"message", solution.message},
          {"trace", trace_json(solution, run.problem.stimulus, samples)},
          {"spikes", spikes},
          {"spikes_truncated", shown_spikes < solution.spike_times.size()},
          {"statistics", solution.ok() ? statistics_json(solution, run.problem) : nlohmann::json(nullptr)},
          {"solver", solver_json(solution.statistics)}};
}

// How far the comparison run's spikes are from the main run's, spike by spike in order.
nlohmann::json difference_json(const Solution& main, const Solution& other) {
  const std::size_t paired = std::min(main.spike_times.size(), other.spike_times.size());
  double largest_shift = 0.0;
  for (std::size_t i = 0; i < paired; ++i) {
    largest_shift = std::max(largest_shift, std::abs(main.spike_times[i] - other.spike_times[i]));
  }
  const auto count_difference =
      static_cast<long long>(other.spike_times.size()) - static_cast<long long>(main.spike_times.size());
  return {{"spike_count", count_difference},
          {"paired_spikes", paired},
          {"max_spike_shift_ms", paired > 0 ? nlohmann::json(largest_shift) : nlohmann::json(nullptr)}};
}

nlohmann::json variables_json(const ModelInfo& model) {
  auto variables = nlohmann::json::array();
  for (const auto& variable : model.state_variables) {
    variables.push_back({{"name", variable.name}, {"unit", variable.unit}});
  }
  return variables;
}

// JSON text; bytes that are not UTF-8 (echoed from a request in a message) become U+FFFD instead of throwing.
std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiResponse error_response(int status, const std::string& message) {
  return {status, json_text(nlohmann::json{{"error", message}})};
}

}  // namespace

nlohmann::json simulate(const nlohmann::json& request, const ApiLimits& limits) {
  const auto started = std::chrono::steady_clock::now();
  const SimulateRequest parsed = parse_simulate_request(request, limits);
  const EffectiveRun run = prepare_run(parsed.settings, limits);
  std::optional<EffectiveRun> compared;
  if (parsed.compare) compared = prepare_run(*parsed.compare, limits);  // both validated before any work

  const Solution solution = solve(run.problem, run.method, record_options(run, limits));
  nlohmann::json answer = solved_json(run, solution, parsed.samples, limits);
  const ModelInfo& model = model_info(run.model);
  answer["config_toml"] = to_toml(run);
  answer["variables"] = variables_json(model);
  answer["current_unit"] = model.current_unit;
  answer["has_reset"] = model.has_reset;
  answer["phase_plane"] = phase_plane_json(run, solution);
  answer["compare"] = nullptr;
  if (compared) {
    const Solution other = solve(compared->problem, compared->method, record_options(*compared, limits));
    answer["compare"] = solved_json(*compared, other, parsed.samples, limits);
    answer["compare"]["difference"] = difference_json(solution, other);
  }
  answer["elapsed_ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return answer;
}

ApiResponse handle_simulate(std::string_view request_body, const ApiLimits& limits) {
  try {
    if (request_body.size() > limits.max_body_bytes) {
      return error_response(413, fmt::format("the request has {} bytes; allowed: at most {}", request_body.size(),
                                             limits.max_body_bytes));
    }
    nlohmann::json request;
    try {
      request = nlohmann::json::parse(request_body);
    } catch (const nlohmann::json::exception& error) {  // a syntax error, or a number beyond double's range
      return error_response(400, fmt::format("the request is not valid JSON: {}", error.what()));
    }
    return {200, json_text(simulate(request, limits))};
  } catch (const InputError& error) {
    return error_response(400, error.what());
  } catch (const FileError& error) {
    return error_response(400, error.what());
  } catch (const std::bad_alloc&) {
    return error_response(503, "the server ran out of memory for this request; ask for less work");
  } catch (const std::exception& error) {
    return error_response(500, fmt::format("internal error: {}", error.what()));
  }
}

}  // namespace neurodyn
