#pragma once
// The preset lists of each family of models; presets.cpp joins them into the catalog.
#include <vector>

#include "neurodyn/model/catalog.hpp"

namespace neurodyn::detail {

std::vector<Preset> izhikevich_presets();  // izh2004-*, izh2003-*, izh2007-*
std::vector<Preset> other_presets();       // adex-*, fhn-*, lif-*, hh-*

}  // namespace neurodyn::detail
