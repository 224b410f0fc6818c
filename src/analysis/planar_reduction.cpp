#include "neurodyn/analysis/planar_reduction.hpp"

#include <fmt/format.h>
#include <type_traits>

namespace neurodyn {

std::optional<PlanarReduction> planar_reduction(const AnyModel& model) {
  return std::visit(
      [&](const auto& m) -> std::optional<PlanarReduction> {
        using M = std::decay_t<decltype(m)>;
        if constexpr (M::dimension == 2) {
          return PlanarReduction{model, {0, 1}, {}};
        } else if constexpr (std::is_same_v<M, HodgkinHuxley>) {
          HodgkinHuxleyReduced plane;
          static_cast<HodgkinHuxleyMembrane&>(plane) = m;
          return PlanarReduction{
              plane, {0, 3},
              fmt::format("{}: m = m_inf(v), h = {:g} - {}n (Rinzel 1985), the membrane of {}",
                          HodgkinHuxleyReduced::name, plane.h_intercept,
                          plane.h_slope == 1.0 ? "" : fmt::format("{:g} ", plane.h_slope), M::name)};
        } else {
          return std::nullopt;
        }
      },
      model);
}

}  // namespace neurodyn
