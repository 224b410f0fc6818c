#include "result_header.hpp"

#include <fmt/format.h>

#include <cctype>
#include <sstream>

#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

std::string column_unit_token(std::string_view unit) {
  std::string token;
  for (const char c : unit_symbol(unit)) {
    if (c == '/') {
      token += "_per_";
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      token += c;
    } else if (c != '^' && !token.empty() && token.back() != '_') {
      token += '_';  // spaces, parentheses and '*' separate words; "cm^2" becomes "cm2"
    }
  }
  while (!token.empty() && token.back() == '_') token.pop_back();
  return token;
}

std::string column_name(std::string_view name, std::string_view unit) {
  const std::string token = column_unit_token(unit);
  return token.empty() ? std::string(name) : fmt::format("{}_{}", name, token);
}

std::string result_header(const EffectiveRun& run, const Solution& solution, std::string_view units_line) {
  fmt::memory_buffer out;
  append(out, "# neurodyn {}\n", version);
  append(out, "# {}\n", single_line(units_line));
  const SolverStatistics& statistics = solution.statistics;
  append(out,
         "# solver: status {}, {} steps, {} rejected, {} rhs evaluations, {} Jacobian evaluations, "
         "{} Newton iterations, {} Newton failures\n",
         to_string(solution.status), statistics.steps, statistics.rejected_steps, statistics.rhs_evaluations,
         statistics.jacobian_evaluations, statistics.newton_iterations, statistics.newton_failures);
  if (!solution.message.empty()) append(out, "# solver message: {}\n", single_line(solution.message));
  append(out, "# effective configuration (remove the leading '# ' to get a config file):\n");
  std::istringstream config(to_toml(run));
  for (std::string line; std::getline(config, line);) append(out, "# {}\n", line);
  return fmt::to_string(out);
}

}  // namespace neurodyn
