#pragma once
// The one naming scheme of every temporary that neurodyn writes: `.NAME.tmp-<pid>` beside its target (a
// file, or a whole result folder), owned by the process <pid>. A temporary whose owner no longer exists
// was left by a run that was killed or crashed, and may be removed by anyone.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string_view>

namespace neurodyn {

// DIR/.NAME.tmp-<pid of this process>: in the target's directory, so that the final rename cannot cross
// file systems.
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

// The owner of a temporary named `.NAME.tmp-<pid>` (NAME not empty), or nullopt if `entry_name` is not
// such a name.
std::optional<pid_t> temporary_owner(std::string_view entry_name);

// Whether `entry_name` is a temporary whose owner is no longer running (kill(pid, 0) fails with ESRCH).
// A running owner's temporary, this process's included, is never stale.
bool is_stale_temporary(std::string_view entry_name);

}  // namespace neurodyn
