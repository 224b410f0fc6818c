#include "neurodyn/stimulus/parse.hpp"

#include <fmt/format.h>

#include <array>
#include <climits>
#include <cmath>
#include <filesystem>
#include <limits>

#include "component_fields.hpp"
#include "component_ops.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/text_fields.hpp"
#include "ornstein_uhlenbeck.hpp"
#include "table_file.hpp"

namespace neurodyn {
namespace {

using stimulus_detail::ComponentFields;
using stimulus_detail::ComponentKeys;

constexpr double infinity = std::numeric_limits<double>::infinity();

// What a component is built for: the span noise is sampled over, and the folder relative table paths start in.
struct BuildContext {
  double span_ms;
  const std::filesystem::path& base_directory;
};

StimulusComponent build_step(const ComponentFields& fields, const BuildContext&) {
  static constexpr std::array<std::string_view, 2> edges{"open", "closed"};
  return StepCurrent{.amplitude = fields.number("amp"),
                     .start = fields.number("start"),
                     .stop = fields.number_or("stop", infinity),
                     .closed_edges = fields.choice_or("edges", "open", edges) == "closed"};
}

StimulusComponent build_constant(const ComponentFields& fields, const BuildContext&) {
  return StepCurrent{
      .amplitude = fields.number("amp"), .start = -infinity, .stop = infinity, .closed_edges = false};
}

StimulusComponent build_pulses(const ComponentFields& fields, const BuildContext&) {
  return PulseTrain{.amplitude = fields.number("amp"),
                    .start = fields.number("start"),
                    .width = fields.number("width"),
                    .period = fields.number("period"),
                    .count = static_cast<int>(fields.integer_or("count", 1, 1, INT_MAX))};
}

StimulusComponent build_ramp(const ComponentFields& fields, const BuildContext&) {
  return Ramp{.slope = fields.number("slope"),
              .start = fields.number("start"),
              .stop = fields.number_or("stop", infinity)};
}

StimulusComponent build_sine(const ComponentFields& fields, const BuildContext&) {
  return Sine{.amplitude = fields.number("amp"),
              .frequency_hz = fields.number("freq_hz"),
              .phase = fields.number_or("phase", 0.0),
              .offset = fields.number_or("offset", 0.0),
              .start = fields.number_or("start", 0.0),
              .stop = fields.number_or("stop", infinity)};
}

StimulusComponent build_noise(const ComponentFields& fields, const BuildContext& context) {
  const double span_ms = context.span_ms;
  OrnsteinUhlenbeck noise{.mean = fields.number("mean"),
                          .sigma = fields.number("sigma"),
                          .tau = fields.number("tau"),
                          .seed = fields.unsigned_integer("seed"),
                          .sample_step = fields.number_or("sample_step", 0.1),
                          .samples = {}};
  stimulus_detail::validate_noise_parameters(noise, fields.context());
  if (!(std::isfinite(span_ms) && span_ms >= 0.0)) {
    throw InputError(fmt::format("{}: span_ms = {} is not allowed for noise; allowed: a finite duration >= 0 ms",
                                 fields.context(), span_ms));
  }
  const double count = stimulus_detail::noise_sample_count(span_ms, noise.sample_step);
  if (count > static_cast<double>(stimulus_detail::max_noise_samples)) {
    throw InputError(
        fmt::format("{}: sample_step = {} over span_ms = {} needs {} samples; allowed: at most {} "
                    "(raise sample_step or shorten the run)",
                    fields.context(), noise.sample_step, span_ms, count, stimulus_detail::max_noise_samples));
  }
  noise.samples = stimulus_detail::sample_ornstein_uhlenbeck(noise, static_cast<std::size_t>(count));
  return noise;
}

// The table's path is made absolute (relative ones start in the context's base directory, or the working
// directory), so the canonical spec names the same file from anywhere.
StimulusComponent build_table(const ComponentFields& fields, const BuildContext& context) {
  static constexpr std::array<std::string_view, 2> units{"ms", "s"};
  const bool seconds = fields.choice_or("time_unit", "ms", units) == "s";
  const std::filesystem::path given(fields.path());
  const std::filesystem::path path =
      given.is_absolute() || context.base_directory.empty() ? given : context.base_directory / given;
  return stimulus_detail::read_current_table(
      std::filesystem::absolute(path).lexically_normal().string(), static_cast<int>(fields.integer_or("time_col", 0, 0, INT_MAX)),
      static_cast<int>(fields.integer_or("current_col", 1, 0, INT_MAX)), seconds ? 1000.0 : 1.0);
}

struct ComponentKind {
  std::string_view name;
  ComponentKeys keys;
  StimulusComponent (*build)(const ComponentFields& fields, const BuildContext& context);
};

constexpr std::array<std::string_view, 2> step_required{"amp", "start"};
constexpr std::array<std::string_view, 2> step_optional{"stop", "edges"};
constexpr std::array<std::string_view, 1> constant_required{"amp"};
constexpr std::array<std::string_view, 4> pulses_required{"amp", "start", "width", "period"};
constexpr std::array<std::string_view, 1> pulses_optional{"count"};
constexpr std::array<std::string_view, 2> ramp_required{"slope", "start"};
constexpr std::array<std::string_view, 1> ramp_optional{"stop"};
constexpr std::array<std::string_view, 2> sine_required{"amp", "freq_hz"};
constexpr std::array<std::string_view, 4> sine_optional{"phase", "offset", "start", "stop"};
constexpr std::array<std::string_view, 4> noise_required{"mean", "sigma", "tau", "seed"};
constexpr std::array<std::string_view, 1> noise_optional{"sample_step"};
constexpr std::array<std::string_view, 3> file_optional{"time_col", "current_col", "time_unit"};

const std::array<ComponentKind, 7> component_kinds{{
    {"step", {step_required, step_optional}, build_step},
    {"const", {constant_required, {}}, build_constant},
    {"pulses", {pulses_required, pulses_optional}, build_pulses},
    {"ramp", {ramp_required, ramp_optional}, build_ramp},
    {"sine", {sine_required, sine_optional}, build_sine},
    {"noise", {noise_required, noise_optional}, build_noise},
    {"file", {{}, file_optional, true}, build_table},
}};

const ComponentKind& kind_named(std::string_view name, std::string_view text) {
  for (const ComponentKind& kind : component_kinds) {
    if (kind.name == name) return kind;
  }
  throw InputError(fmt::format(
      "stimulus component '{}': unknown kind '{}'; allowed: step, const, pulses, ramp, sine, noise, file "
      "(joined by '+'), or the whole spec 'none'",
      text, name));
}

bool is_kind_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Whether the '+' at `plus` starts a new component: a kind name and ':' follow it. So the '+' of 1e+3 or +inf
// and a '+' inside a file path stay where they are.
bool starts_component(std::string_view spec, std::size_t plus) {
  std::size_t i = plus + 1;
  while (i < spec.size() && (spec[i] == ' ' || spec[i] == '\t')) ++i;
  const std::size_t name_begin = i;
  while (i < spec.size() && is_kind_letter(spec[i])) ++i;
  if (i == name_begin) return false;
  while (i < spec.size() && (spec[i] == ' ' || spec[i] == '\t')) ++i;
  return i < spec.size() && spec[i] == ':';
}

std::vector<std::string_view> split_components(std::string_view spec) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '+' && starts_component(spec, i)) {
      parts.push_back(trim(spec.substr(begin, i - begin)));
      begin = i + 1;
    }
  }
  parts.push_back(trim(spec.substr(begin)));
  return parts;
}

StimulusComponent parse_component(std::string_view text, const BuildContext& context) {
  if (text.empty()) {
    throw InputError("stimulus component '' is empty; allowed: kind:key=value,... joined by '+'");
  }
  const std::size_t colon = text.find(':');
  const std::string_view name = trim(text.substr(0, colon));
  const std::string_view body = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  const ComponentKind& kind = kind_named(name, text);
  const ComponentFields fields(text, body, kind.keys);
  StimulusComponent component = kind.build(fields, context);
  std::visit([&](const auto& built) { stimulus_detail::validate(built, fields.context()); }, component);
  return component;
}

}  // namespace

Stimulus parse_stimulus(std::string_view spec, double span_ms, const std::filesystem::path& base_directory) {
  const std::string_view text = trim(spec);
  if (text.empty() || text == "none") return Stimulus{};
  const BuildContext context{span_ms, base_directory};
  std::vector<StimulusComponent> components;
  for (const std::string_view part : split_components(text)) components.push_back(parse_component(part, context));
  return Stimulus(std::move(components));
}

}  // namespace neurodyn
