#pragma once
// A model's parameter table: one row per parameter with its name, unit, default, range and meaning, bound to
// the member that holds the value. The table is the single source of the defaults (a model's constructor
// takes them from it), and it drives --help, config validation and the web sliders (src/model/catalog.cpp).
#include <cstddef>
#include <string_view>

namespace neurodyn {

struct ParameterInfo {
  std::string_view name;
  std::string_view unit;  // "" for dimensionless
  double default_value;
  double min;
  double max;
  std::string_view meaning;
};

// The range a fit searches for one parameter (in the table's unit): narrower than the table's range, which admits
// every value the equations accept, it spans the values published cells take. The parameters a model lists in its
// `fitting_ranges` are the ones a fit frees when the user names none; the others keep their preset values.
struct FittingRange {
  std::string_view name;
  double min;
  double max;
};

// A table row bound to the member of Model, of the parameter type P, that holds the value.
template <class Model, class P = double>
struct ParameterField {
  ParameterInfo info;
  P Model::*member;
};

// Sets every parameter of `model` to its table default.
template <class Model>
constexpr void set_table_defaults(Model& model) {
  for (const auto& field : Model::parameters) model.*(field.member) = field.info.default_value;
}

// The same model with its parameters in the number type Q (for example a dual number), each converted from
// the value in `model`, row by row through the table.
template <class Q, template <class> class Model, class P>
Model<Q> rebind(const Model<P>& model) {
  Model<Q> rebound;
  for (std::size_t i = 0; i < Model<P>::parameters.size(); ++i) {
    rebound.*(Model<Q>::parameters[i].member) = Q(model.*(Model<P>::parameters[i].member));
  }
  return rebound;
}

}  // namespace neurodyn
