#pragma once
// The run part of a TOML document (layout: include/neurodyn/io/run_config.hpp), for files that hold a run and
// more: a fit's configuration is a run configuration with tables of its own beside it.
#include <filesystem>
#include <span>
#include <string_view>
#include <toml.hpp>

#include "neurodyn/io/run_config.hpp"

namespace neurodyn::io_detail {

// The run's keys at the top level of `document`; `other_keys` are the top-level keys the caller reads itself
// (any other key is an InputError naming the file, the line and the key). Throws as read_run_settings.
RunSettings run_settings_from(const toml::value& document, const std::filesystem::path& path,
                              std::span<const std::string_view> other_keys = {});

}  // namespace neurodyn::io_detail
