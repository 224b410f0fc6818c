// The printed lines and fixed_points.json of `neurodyn phase` (include/neurodyn/io/phase_output.hpp).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "neurodyn/io/phase_run.hpp"
#include "neurodyn/io/unit_key.hpp"
#include "neurodyn/version.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

// "v = -60 mV, u = 0 pA": each variable with its unit.
std::string state_text(const ModelInfo& model, const std::vector<double>& state) {
  std::string text;
  for (std::size_t i = 0; i < state.size(); ++i) {
    const std::string_view unit = unit_symbol(model.state_variables[i].unit);
    text += fmt::format("{}{} = {:.9g}{}{}", i ? ", " : "", model.state_variables[i].name,
                        state[i] == 0.0 ? 0.0 : state[i], unit.empty() ? "" : " ", unit);
  }
  return text;
}

nlohmann::json state_json(const ModelInfo& model, const std::vector<double>& state) {
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t i = 0; i < state.size(); ++i) values[std::string(model.state_variables[i].name)] = state[i];
  return values;
}

nlohmann::json point_json(const ModelInfo& model, const FixedPoint& point) {
  nlohmann::json eigenvalues = nlohmann::json::array();
  for (const auto& value : point.eigenvalues) eigenvalues.push_back({value.real(), value.imag()});
  return {{"state", state_json(model, point.state)},
          {"type", to_string(point.type)},
          {"stable", is_stable(point.type)},
          {"eigenvalues", eigenvalues}};
}

}  // namespace

std::vector<std::string> phase_lines(const PhaseAnalysis& analysis) {
  const ModelInfo& model = model_info(analysis.model);
  const std::string_view unit = model.current_unit;
  const std::string current_text = unit_symbol(unit).empty() ? std::string() : fmt::format(" {}", unit_symbol(unit));
  std::vector<std::string> lines;
  lines.push_back(fmt::format("{}: {:g}", unit_key("current", unit), analysis.current));
  lines.push_back(fmt::format("fixed_points: {}", analysis.fixed_points.size()));
  for (const FixedPoint& point : analysis.fixed_points) {
    lines.push_back(fmt::format("fixed_point: {} ({})", state_text(model, point.state), to_string(point.type)));
  }
  const std::string rest_lost_at = unit_key("rest_lost_at", unit);
  if (!analysis.rest) {
    lines.push_back(fmt::format("{}: none ({})", rest_lost_at, analysis.rest_note));
    return lines;
  }
  const RestBranch& rest = *analysis.rest;
  lines.push_back(
      fmt::format("rest: {} at I = {:g}{}", state_text(model, rest.rest.state), rest.reference_current, current_text));
  if (rest.stability_lost) {
    lines.push_back(fmt::format("{}: {:.9g}", rest_lost_at, rest.stability_lost->current));
    lines.push_back(fmt::format("bifurcation: {}", to_string(rest.stability_lost->kind)));
  } else {
    lines.push_back(fmt::format("{}: none (the rest stays stable over the searched range of v)", rest_lost_at));
  }
  const std::string saddle_node_at = unit_key("saddle_node_at", unit);
  lines.push_back(rest.saddle_node_current ? fmt::format("{}: {:.9g}", saddle_node_at, *rest.saddle_node_current)
                                           : fmt::format("{}: none (the rest branch has no fold)", saddle_node_at));
  return lines;
}

std::vector<std::string> reduced_plane_lines(const ReducedPlane& plane) {
  std::vector<std::string> lines{fmt::format("plane: {}", plane.description)};
  for (const std::string& line : phase_lines(plane.analysis)) lines.push_back("plane_" + line);
  return lines;
}

namespace {

nlohmann::json analysis_json(const PhaseAnalysis& analysis) {
  const ModelInfo& model = model_info(analysis.model);
  nlohmann::json points = nlohmann::json::array();
  for (const FixedPoint& point : analysis.fixed_points) points.push_back(point_json(model, point));
  nlohmann::json rest = nullptr;
  if (analysis.rest) {
    const RestBranch& branch = *analysis.rest;
    rest = {
        {"reference_current", branch.reference_current},
        {"state", state_json(model, branch.rest.state)},
        {"rest_lost_at", branch.stability_lost ? nlohmann::json(branch.stability_lost->current) : nullptr},
        {"bifurcation", branch.stability_lost ? nlohmann::json(to_string(branch.stability_lost->kind)) : nullptr},
        {"saddle_node_current", branch.saddle_node_current ? nlohmann::json(*branch.saddle_node_current) : nullptr}};
  }
  return {{"model", analysis.model},
          {"current", analysis.current},
          {"current_unit", model.current_unit},
          {"fixed_points", points},
          {"rest", rest},
          {"rest_note", analysis.rest ? nlohmann::json(nullptr) : nlohmann::json(analysis.rest_note)}};
}

}  // namespace

nlohmann::json fixed_points_json(const PhaseOfRun& phase) {
  nlohmann::json document = analysis_json(phase.analysis);
  document["time_unit"] = "ms (eigenvalues in 1/ms)";
  document["plane"] = nullptr;
  if (phase.reduced) {
    document["plane"] = analysis_json(phase.reduced->analysis);
    document["plane"]["reduction"] = phase.reduced->description;
  }
  return document;
}

void write_fixed_points_json(const std::filesystem::path& path, const PhaseOfRun& phase) {
  nlohmann::json document = fixed_points_json(phase);
  document["program"] = fmt::format("neurodyn {}", version);
  write_file_atomically(path, document.dump(2) + "\n");
}

}  // namespace neurodyn
