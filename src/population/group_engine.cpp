#include "group_engine.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

#include "explicit_runge_kutta.hpp"
#include "lane_block.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace neurodyn::population_detail {

namespace {

template <LaneSteppable M, class Stepper>
class LaneGroup final : public GroupEngine {
 public:
  static constexpr int N = M::dimension;

  explicit LaneGroup(std::int64_t count)
      : count_(count), blocks_((static_cast<std::size_t>(count) + lane_width - 1) / lane_width) {}

  // Draws every neuron of `group` (its global indices start at first_neuron).
  void draw(const NeuronGroup& group, std::int64_t first_neuron, std::uint64_t seed) {
    ParameterValues fixed;
    for (const auto& [name, draw] : group.parameters) {
      if (draw.kind == Draw::Kind::fixed) fixed.emplace(name, draw.value);
    }
    const M base = std::get<M>(make_model(M::name, fixed));
    std::vector<const ParameterField<M>*> drawn_fields;
    std::vector<const Draw*> drawn;
    for (const auto& [name, draw] : group.parameters) {
      if (draw.kind == Draw::Kind::fixed) continue;
      const auto* field = find_field(name);
      if (!field) throw InputError(unknown_parameter(group, name));
      drawn_fields.push_back(field);
      drawn.push_back(&draw);
    }
    for (std::int64_t i = 0; i < count_; ++i) {
      const auto global = static_cast<std::uint64_t>(first_neuron + i);
      const double r = uniform01(seed, RandomStream::neuron_parameters, global, 0);
      M model = base;
      for (std::size_t p = 0; p < drawn.size(); ++p) {
        const double value = draw_value(*drawn[p], r, seed, RandomStream::neuron_parameters, global, p + 1);
        const ParameterInfo& info = drawn_fields[p]->info;
        if (!(value >= info.min && value <= info.max)) {
          throw InputError(
              fmt::format("group '{}': parameter {} of neuron {} drew {:g}, outside the model's range "
                          "[{:g}, {:g}]; narrow the draw",
                          group.name, info.name, i, value, info.min, info.max));
        }
        model.*(drawn_fields[p]->member) = value;
      }
      set(i, model, initial_state(group, model, global, seed));
    }
    pad();
  }

  void set(std::int64_t neuron, const M& model, const typename M::State& x) {
    blocks_[static_cast<std::size_t>(neuron / lane_width)].set(static_cast<int>(neuron % lane_width), model, x);
  }

  // Padding lanes copy the last neuron, so that they take the same path and cost nothing extra.
  void pad() {
    auto& last = blocks_.back();
    const int last_lane = static_cast<int>((count_ - 1) % lane_width);
    for (int lane = last_lane + 1; lane < lane_width; ++lane)
      last.set(lane, last.model(last_lane), last.state(last_lane));
  }

  std::int64_t size() const override { return count_; }
  std::size_t block_count() const override { return blocks_.size(); }
  int dimension() const override { return N; }

  void advance_converged(std::size_t b, const double* inputs, const BinGrid& bin, std::vector<GroupSpike>& spikes,
                         double* voltages) override {
    LaneBlock<M>& block = blocks_[b];
    for (int lane = 0; lane < lane_width; ++lane) block.current()[lane] = inputs[lane];
    std::vector<LaneSpike>& lane_spikes = scratch();
    lane_spikes.clear();
    // Runs of common steps in a loop of their own; each other step (a spike, a hold, a failure) through step().
    // Step i's voltages go to voltages[(i - first - 1) lane_width ..).
    const auto voltages_of_step = [&](std::int64_t i) {
      return voltages ? voltages + (i - bin.first - 1) * lane_width : nullptr;
    };
    for (std::int64_t j = bin.first; j < bin.last; ++j) {
      j = block.advance_common(Stepper{}, j, bin.last, bin.dt, voltages_of_step(j + 1));
      if (j == bin.last) break;
      block.step(Stepper{}, static_cast<double>(j) * bin.dt, static_cast<double>(j + 1) * bin.dt, lane_spikes);
      if (double* at = voltages_of_step(j + 1)) {
        for (int lane = 0; lane < lane_width; ++lane) at[lane] = block.voltage(lane);
      }
    }
    append_in_neuron_order(b, lane_spikes, spikes);
  }

  void advance_converged_pair(std::size_t b, const double* inputs, const BinGrid& bin,
                              std::vector<GroupSpike>& first_spikes, std::vector<GroupSpike>& second_spikes) override {
    LaneBlock<M>& first = blocks_[b];
    LaneBlock<M>& second = blocks_[b + 1];
    for (int lane = 0; lane < lane_width; ++lane) {
      first.current()[lane] = inputs[lane];
      second.current()[lane] = inputs[lane_width + lane];
    }
    std::vector<LaneSpike>& first_lane_spikes = scratch();
    std::vector<LaneSpike>& second_lane_spikes = second_scratch();
    first_lane_spikes.clear();
    second_lane_spikes.clear();
    for (std::int64_t j = bin.first; j < bin.last; ++j) {
      j = LaneBlock<M>::advance_common_pair(first, second, Stepper{}, j, bin.last, bin.dt);
      if (j == bin.last) break;
      const double t = static_cast<double>(j) * bin.dt, target = static_cast<double>(j + 1) * bin.dt;
      first.step(Stepper{}, t, target, first_lane_spikes);
      second.step(Stepper{}, t, target, second_lane_spikes);
    }
    append_in_neuron_order(b, first_lane_spikes, first_spikes);
    append_in_neuron_order(b + 1, second_lane_spikes, second_spikes);
  }

  void set_decays(const std::vector<DecayChannel>& channels) override {
    for (auto& block : blocks_) block.set_decays(channels);
  }

  void add_decaying_jumps(std::size_t b, double t0, const double* jumps) override {
    blocks_[b].add_decaying_jumps(t0, jumps);
  }

  void advance_published(std::size_t b, const double* inputs, double bin_ms) override {
    if constexpr (HasPublishedScheme<M> && N == 2) {
      auto& block = blocks_[b];
      for (int lane = 0; lane < lane_width; ++lane) block.current()[lane] = inputs[lane];
      block.update_published(bin_ms);
    } else {
      throw InputError(fmt::format("semantics = 'published' is net.m's scheme for izh2003; model {}", M::name));
    }
  }

  void fire_published(std::size_t b, double label_ms, std::vector<GroupSpike>& spikes) override {
    if constexpr (M::has_reset) {
      std::vector<LaneSpike>& lane_spikes = scratch();
      lane_spikes.clear();
      blocks_[b].check_finite(label_ms);
      blocks_[b].fire_at_or_above_cutoff(label_ms, lane_spikes);
      append_in_neuron_order(b, lane_spikes, spikes);
    }
  }

  std::vector<double> save() const override {
    std::vector<double> saved;
    for (const auto& block : blocks_) block.save(saved);
    return saved;
  }

  bool restore(std::span<const double> saved) override {
    if (saved.size() != blocks_.size() * blocks_.front().saved_size()) return false;
    for (std::size_t b = 0; b < blocks_.size(); ++b) blocks_[b].restore(saved.data() + b * blocks_[b].saved_size());
    return true;
  }

  std::vector<double> state(std::int64_t neuron) const override {
    const auto x = blocks_[static_cast<std::size_t>(neuron / lane_width)].state(static_cast<int>(neuron % lane_width));
    return std::vector<double>(x.data(), x.data() + N);
  }

  ParameterValues parameters(std::int64_t neuron) const override {
    return parameter_values(
        AnyModel(blocks_[static_cast<std::size_t>(neuron / lane_width)].model(static_cast<int>(neuron % lane_width))));
  }

  bool block_failed(std::size_t b) const override { return !blocks_[b].all_running(); }

  std::optional<std::string> failure(std::int64_t neuron) const override {
    const auto& block = blocks_[static_cast<std::size_t>(neuron / lane_width)];
    const int lane = static_cast<int>(neuron % lane_width);
    if (!block.failed(lane)) return std::nullopt;
    return block.failure(lane);
  }

 private:
  static const ParameterField<M>* find_field(std::string_view name) {
    for (const auto& field : M::parameters) {
      if (field.info.name == name) return &field;
    }
    return nullptr;
  }

  static std::string unknown_parameter(const NeuronGroup& group, std::string_view name) {
    std::vector<std::string_view> names;
    for (const auto& field : M::parameters) names.push_back(field.info.name);
    return fmt::format("group '{}': model {} has no parameter '{}'; allowed: {}", group.name, M::name, name,
                       fmt::join(names, ", "));
  }

  static typename M::State initial_state(const NeuronGroup& group, const M& model, std::uint64_t global,
                                         std::uint64_t seed) {
    std::optional<double> v0, u0;
    for (const auto& [name, draw] : group.initial) {
      const bool is_v = name == M::state_variables[0].name;
      const bool is_u = N > 1 && name == M::state_variables[N > 1 ? 1 : 0].name;
      if (!is_v && !is_u) {
        throw InputError(
            fmt::format("group '{}': initial.{} is not a state variable of {} whose initial value can "
                        "be set; allowed: {}{}",
                        group.name, name, M::name, M::state_variables[0].name,
                        N > 1 ? fmt::format(", {}", M::state_variables[N > 1 ? 1 : 0].name) : ""));
      }
      const double r = uniform01(seed, RandomStream::initial_state, global, 0);
      (is_v ? v0 : u0) = draw_value(draw, r, seed, RandomStream::initial_state, global, is_v ? 1 : 2);
    }
    const auto values = neurodyn::initial_state(AnyModel(model), v0, u0);
    typename M::State x;
    for (int i = 0; i < N; ++i) x[i] = values[static_cast<std::size_t>(i)];
    return x;
  }

  // Blocks are advanced on several threads at once: each thread collects a block's spikes in a list of its own.
  static std::vector<LaneSpike>& scratch() {
    thread_local std::vector<LaneSpike> spikes;
    return spikes;
  }
  static std::vector<LaneSpike>& second_scratch() {
    thread_local std::vector<LaneSpike> spikes;
    return spikes;
  }

  void append_in_neuron_order(std::size_t b, const std::vector<LaneSpike>& lane_spikes,
                              std::vector<GroupSpike>& spikes) const {
    // A block reports its lanes in order, each lane's spikes in time order.
    for (const LaneSpike& spike : lane_spikes) {
      const auto neuron = static_cast<std::int64_t>(b) * lane_width + spike.lane;
      if (neuron < count_) spikes.push_back({neuron, spike.time});
    }
  }

  std::int64_t count_;
  std::vector<LaneBlock<M>> blocks_;
};

template <class M, class Stepper>
std::unique_ptr<GroupEngine> make_lane_group(const std::vector<AnyModel>& neurons,
                                             const std::vector<std::vector<double>>& states) {
  auto engine = std::make_unique<LaneGroup<M, Stepper>>(static_cast<std::int64_t>(neurons.size()));
  for (std::size_t i = 0; i < neurons.size(); ++i) {
    typename M::State x;
    for (int k = 0; k < M::dimension; ++k) x[k] = states[i].at(static_cast<std::size_t>(k));
    engine->set(static_cast<std::int64_t>(i), std::get<M>(neurons[i]), x);
  }
  engine->pad();
  return engine;
}

// Calls make(std::type_identity<Stepper>) for the stepper named `method`.
template <class Make>
std::unique_ptr<GroupEngine> with_stepper(const std::string& method, Make&& make) {
  if (method == "euler") return make(std::type_identity<detail::ExplicitEuler>{});
  if (method == "midpoint") return make(std::type_identity<detail::ExplicitMidpoint>{});
  if (method == "heun") return make(std::type_identity<detail::Heun>{});
  if (method == "rk4") return make(std::type_identity<detail::ClassicRungeKutta4>{});
  throw InputError(
      fmt::format("method = '{}' does not step neurons in lanes; allowed: euler, midpoint, heun, rk4", method));
}

// Calls make(std::type_identity<M>) for the lane-steppable model named `model`.
template <class Make, class... Models>
std::unique_ptr<GroupEngine> with_model(const std::variant<Models...>*, std::string_view model, Make&& make) {
  std::unique_ptr<GroupEngine> engine;
  const auto try_model = [&]<class M>(std::type_identity<M>) {
    if constexpr (LaneSteppable<M>) {
      if (M::name == model) engine = make(std::type_identity<M>{});
    }
  };
  (try_model(std::type_identity<Models>{}), ...);
  if (!engine) require_lane_model(model);
  return engine;
}

template <class... Models>
std::vector<std::string_view> lane_model_names(const std::variant<Models...>*) {
  std::vector<std::string_view> names;
  const auto add = [&]<class M>(std::type_identity<M>) {
    if constexpr (LaneSteppable<M>) names.push_back(M::name);
  };
  (add(std::type_identity<Models>{}), ...);
  return names;
}

}  // namespace

const std::vector<std::string_view>& lane_models() {
  static const auto names = lane_model_names(static_cast<const AnyModel*>(nullptr));
  return names;
}

void require_lane_model(std::string_view model) {
  model_info(model);  // an unknown model: the catalog's message
  const auto& names = lane_models();
  if (std::find(names.begin(), names.end(), model) == names.end()) {
    throw InputError(
        fmt::format("model {} does not run in lanes (its equations branch on the state, or its state "
                    "follows the input); allowed: {}",
                    model, fmt::join(names, ", ")));
  }
}

std::unique_ptr<GroupEngine> make_group_engine(const NeuronGroup& group, std::int64_t first_neuron, std::uint64_t seed,
                                               const std::string& method) {
  return with_model(static_cast<const AnyModel*>(nullptr), group.model, [&]<class M>(std::type_identity<M>) {
    return with_stepper(method, [&]<class Stepper>(std::type_identity<Stepper>) -> std::unique_ptr<GroupEngine> {
      auto engine = std::make_unique<LaneGroup<M, Stepper>>(group.count);
      engine->draw(group, first_neuron, seed);
      return engine;
    });
  });
}

std::unique_ptr<GroupEngine> make_group_engine(const std::vector<AnyModel>& neurons,
                                               const std::vector<std::vector<double>>& states,
                                               const std::string& method) {
  if (neurons.empty()) throw InputError("a group needs at least one neuron");
  return with_model(static_cast<const AnyModel*>(nullptr), model_name(neurons.front()),
                    [&]<class M>(std::type_identity<M>) {
                      return with_stepper(method, [&]<class Stepper>(std::type_identity<Stepper>) {
                        return make_lane_group<M, Stepper>(neurons, states);
                      });
                    });
}

}  // namespace neurodyn::population_detail
