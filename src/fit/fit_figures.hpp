#pragma once
// The figures of `neurodyn fit` (include/neurodyn/fit/fit_output.hpp lists them).
#include <filesystem>
#include <vector>

#include "neurodyn/fit/fit_output.hpp"

namespace neurodyn {

// fit_traces, history and parameters (.png and .svg), and pareto for a Pareto fit. Throws FileError when gnuplot
// fails.
void write_fit_figures(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report);

// comparison.{png,svg}: each optimizer's best score so far against the evaluation number.
void write_comparison_figure(const std::filesystem::path& directory, const FitPlan& plan,
                             const std::vector<ComparisonRow>& rows);

}  // namespace neurodyn
