#include "neurodyn/analysis/planar_reduction.hpp"

#include <type_traits>
#include <utility>

#include "neurodyn/model/model_traits.hpp"

namespace neurodyn {

std::optional<PlanarReduction> planar_reduction(const AnyModel& model) {
  return std::visit(
      [&](const auto& m) -> std::optional<PlanarReduction> {
        using M = std::decay_t<decltype(m)>;
        if constexpr (M::dimension == 2) {
          return PlanarReduction{model, {0, 1}, {}};
        } else if constexpr (HasPlanarReduction<M>) {
          auto reduction = m.planar_reduction();
          return PlanarReduction{std::move(reduction.plane), reduction.axes, std::move(reduction.description)};
        } else {
          return std::nullopt;
        }
      },
      model);
}

}  // namespace neurodyn
