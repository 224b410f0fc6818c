// sweep_NNN.csv of `neurodyn recording show` (include/neurodyn/io/recording_output.hpp).
#include <fmt/format.h>

#include <cctype>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/recording_output.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

// A column name: the channel's name with every character that is not a letter or digit as '_', then its unit.
std::string column_name(const RecordedChannel& channel) {
  std::string name;
  for (const char c : channel.name) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  if (name.empty()) name = "channel";
  return channel.unit.empty() ? name : fmt::format("{}_{}", name, channel.unit);
}

void write_sweep_csv(const std::filesystem::path& path, const Recording& recording, const Sweep& sweep) {
  fmt::memory_buffer out;
  append(out, "# neurodyn {} recording show: {} of '{}' ({})\n", version, single_line(sweep.name),
         single_line(recording.path.string()), to_string(recording.format));
  append(out, "# sweep {} starts at {:.9g} ms in the recording\n",
         sweep.number, sweep.start_time_ms);
  if (sweep.command) {
    append(out, "# I_pA: the injected current, from the {}; holding {:.6g} pA\n", single_line(sweep.command_source),
           sweep.holding_pA);
    for (const CommandEpoch& epoch : sweep.epochs) {
      append(out, "# epoch {} ({}): {:.9g} to {:.9g} ms, {:.6g} pA", single_line(epoch.name), epoch.type,
             epoch.start_ms, epoch.end_ms, epoch.level_pA);
      if (epoch.type == "ramp") append(out, " to {:.6g} pA", epoch.end_level_pA);
      append(out, "\n");
    }
  }
  append(out, "time_ms");
  for (const RecordedChannel& channel : sweep.channels) append(out, ",{}", column_name(channel));
  if (sweep.command) append(out, ",I_pA");
  append(out, "\n");
  for (std::size_t i = 0; i < sweep.time_ms.size(); ++i) {
    append(out, "{:.10g}", sweep.time_ms[i]);
    for (const RecordedChannel& channel : sweep.channels) append(out, ",{:.10g}", channel.samples[i]);
    if (sweep.command) append(out, ",{:.10g}", sweep.command->samples[i]);
    append(out, "\n");
  }
  write_file_atomically(path, std::string_view(out.data(), out.size()));
}

}  // namespace

void write_sweep_csvs(const std::filesystem::path& directory, const Recording& recording) {
  for (const Sweep& sweep : recording.sweeps) {
    write_sweep_csv(directory / fmt::format("sweep_{:03}.csv", sweep.number), recording, sweep);
  }
}

}  // namespace neurodyn
