#include "neurodyn/stimulus/stimulus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "component_ops.hpp"
#include "evaluate.hpp"

namespace neurodyn {
namespace {

constexpr std::array<std::string_view, 6> kind_names{"step", "pulses", "ramp", "sine", "noise", "file"};

}  // namespace

Stimulus::Stimulus(std::vector<StimulusComponent> components) : components_(std::move(components)) {
  for (std::size_t i = 0; i < components_.size(); ++i) {
    const std::string context =
        fmt::format("stimulus component {} ({})", i + 1, kind_names[components_[i].index()]);
    std::visit([&](const auto& component) { stimulus_detail::validate(component, context); }, components_[i]);
  }
}

Drive Stimulus::at(double t) const {
  Drive sum;
  for (const StimulusComponent& component : components_) {
    const Drive part = std::visit([t](const auto& c) { return stimulus_detail::value_at(c, t); }, component);
    sum.current += part.current;
    sum.slope += part.slope;
  }
  return sum;
}

Drive Stimulus::limit(double t, Side side) const {
  Drive sum;
  for (const StimulusComponent& component : components_) {
    const Drive part =
        std::visit([t, side](const auto& c) { return stimulus_detail::limit(c, t, side); }, component);
    sum.current += part.current;
    sum.slope += part.slope;
  }
  return sum;
}

std::vector<double> Stimulus::discontinuities(double from, double to) const {
  std::vector<double> jumps;
  for (const StimulusComponent& component : components_) {
    std::visit([&](const auto& c) { stimulus_detail::add_jumps(c, from, to, jumps); }, component);
  }
  std::ranges::sort(jumps);
  jumps.erase(std::unique(jumps.begin(), jumps.end()), jumps.end());
  return jumps;
}

double Stimulus::next_piece_end(double t) const {
  double next = std::numeric_limits<double>::infinity();
  for (const StimulusComponent& component : components_) {
    next = std::min(next, std::visit([t](const auto& c) { return stimulus_detail::next_piece_end(c, t); }, component));
  }
  return next;
}

bool Stimulus::piecewise_constant() const {
  return std::ranges::all_of(components_, [](const StimulusComponent& component) {
    return std::holds_alternative<StepCurrent>(component) || std::holds_alternative<PulseTrain>(component);
  });
}

bool Stimulus::piecewise_linear() const {
  return std::ranges::all_of(components_, [](const StimulusComponent& component) {
    return std::holds_alternative<StepCurrent>(component) || std::holds_alternative<PulseTrain>(component) ||
           std::holds_alternative<Ramp>(component);
  });
}

std::string Stimulus::spec() const {
  if (components_.empty()) return "none";
  std::vector<std::string> parts;
  parts.reserve(components_.size());
  for (const StimulusComponent& component : components_) {
    parts.push_back(std::visit([](const auto& c) { return stimulus_detail::canonical_spec(c); }, component));
  }
  return fmt::format("{}", fmt::join(parts, "+"));
}

}  // namespace neurodyn
