#include <algorithm>
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "method_registry.hpp"
#include "neurodyn/solve/method.hpp"

namespace neurodyn {

const std::vector<MethodInfo>& method_catalog() {
  static const std::vector<MethodInfo> catalog = [] {
    std::vector<MethodInfo> infos;
    detail::for_each_method([&](auto method) {
      infos.push_back(decltype(method)::info);
      return false;
    });
    return infos;
  }();
  return catalog;
}

const MethodInfo& method_info(std::string_view method_name) {
  const auto& catalog = method_catalog();
  const auto found = std::find_if(catalog.begin(), catalog.end(),
                                  [&](const MethodInfo& info) { return info.name == method_name; });
  if (found == catalog.end()) {
    std::vector<std::string_view> names;
    for (const auto& info : catalog) names.push_back(info.name);
    throw InputError(fmt::format("method = '{}' is not a known method; allowed: {}", method_name,
                                 fmt::join(names, ", ")));
  }
  return *found;
}

MethodOptions method_at(std::string_view method_name, double setting) {
  MethodOptions options;
  options.name = std::string(method_name);
  if (method_info(method_name).adaptive) {
    options.rtol = options.atol = setting;
  } else {
    options.dt = setting;
  }
  return options;
}

std::string_view to_string(SpikeHandling handling) {
  return handling == SpikeHandling::grid ? "grid" : "located";
}

SpikeHandling parse_spike_handling(std::string_view text) {
  if (text == "grid") return SpikeHandling::grid;
  if (text == "located") return SpikeHandling::located;
  throw InputError(fmt::format("spikes = '{}' is not a spike handling; allowed: grid, located", text));
}

}  // namespace neurodyn
