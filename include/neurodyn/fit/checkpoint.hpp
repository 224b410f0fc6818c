#pragma once
// The checkpoint of a fit: every evaluation as it completes, appended and flushed, so that a fit stopped by Ctrl-C,
// a kill or a crash resumes (`neurodyn fit --resume`) by replaying them (fit/optimizers.hpp: FitControl::replay).
// It lives beside the result folder, DIR's sibling .NAME.fit-checkpoint, since the folder itself appears only whole.
//
// Format: a first line "# neurodyn fit checkpoint", then one line per evaluation:
//   index score rhs_evaluations failures elapsed_s ; x_1 ... x_D ; g_1 ... g_D ; o_1 ... o_K
// numbers in C's hexadecimal floating-point form (%a), so that the replayed points compare equal bit for bit; the
// gradient part is empty when the evaluation had none, the objectives part (a Pareto fit's) likewise.
#include <filesystem>
#include <fstream>
#include <vector>

#include "neurodyn/fit/optimizers.hpp"

namespace neurodyn {

std::filesystem::path checkpoint_path(const std::filesystem::path& out);

class CheckpointWriter {
 public:
  // Starts the file afresh, or appends to it when `keep` (a resumed fit). Throws FileError.
  CheckpointWriter(std::filesystem::path path, bool keep);
  // Appends one evaluation and flushes. Throws FileError.
  void add(const EvaluationRecord& record);

 private:
  std::filesystem::path path_;
  std::ofstream stream_;
};

// Throws FileError when the file cannot be read and InputError naming the file and line when a line is malformed.
// A last line cut short (the process was killed while writing it) is dropped.
std::vector<EvaluationRecord> read_checkpoint(const std::filesystem::path& path);

}  // namespace neurodyn
