#include "plane_field.hpp"

#include <type_traits>

namespace neurodyn {

std::optional<PlaneField> plane_field(const AnyModel& model, double current, double x_low, double x_high, double y_low,
                                      double y_high, std::size_t n) {
  return std::visit(
      [&](const auto& m) -> std::optional<PlaneField> {
        using Model = std::decay_t<decltype(m)>;
        if constexpr (Model::dimension != 2) {
          return std::nullopt;
        } else {
          PlaneField field;
          field.points_per_axis = n;
          const auto at = [n](double low, double high, std::size_t k) {
            return low + (high - low) * static_cast<double>(k) / static_cast<double>(n - 1);
          };
          for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
              const typename Model::State state(at(x_low, x_high, i), at(y_low, y_high, j));
              const typename Model::State rate = m.rhs(state, Drive{current, 0.0});
              field.x.push_back(state[0]);
              field.y.push_back(state[1]);
              field.dx.push_back(rate[0]);
              field.dy.push_back(rate[1]);
            }
          }
          return field;
        }
      },
      model);
}

}  // namespace neurodyn
