#pragma once
// Stimulus specs, as on the command line and in config files:
//   step:amp=70,start=100[,stop=500][,edges=open|closed]
//   const:amp=-0.5
//   pulses:amp=..,start=..,width=..,period=..,count=..
//   ramp:slope=..,start=..[,stop=..]
//   sine:amp=..,freq_hz=..[,phase=..][,offset=..][,start=..][,stop=..]
//   noise:mean=..,sigma=..,tau=..,seed=..[,sample_step=..]
//   file:PATH[,time_col=..,current_col=..,time_unit=ms|s]
// joined by '+' to add them. An empty spec or "none" is no input. Spaces around tokens are ignored.
// Numbers: decimal or scientific, with inf / -inf where an edge may be infinite (step and sine start/stop,
// ramp stop). Defaults: stop = inf, edges = open, count = 1, sine start = 0, phase = offset = 0,
// sample_step = 0.1 ms, time_col = 0, current_col = 1, time_unit = ms. `const:amp=X` is a step from -inf
// to inf. A '+' starts a new component only when a kind name and ':' follow it, so 1e+3 and +inf are
// numbers; a file PATH ends at the first ',' and must not contain ',' (nor '+kind:'); a relative PATH is
// relative to the working directory. Table files: whitespace- and/or comma-separated columns, '#' comment
// lines, an optional non-numeric header line; times strictly increasing.
#include <filesystem>
#include <string_view>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

// Throws InputError naming the component, the key, the value and the allowed keys, kinds or values
// (unknown, missing or repeated keys, non-numbers, NaN, infinities where not allowed, out-of-range values,
// bad table rows with their file and line); FileError naming the path for an unreadable table.
// `span_ms` is how far noise is sampled (finite, >= 0; unused without noise). A relative table path
// (`file:current.txt`) starts in `base_directory` (the folder of the config file that names it), or in the
// working directory when that is empty; the table keeps the absolute path, so spec() names the same file from
// anywhere.
Stimulus parse_stimulus(std::string_view spec, double span_ms, const std::filesystem::path& base_directory = {});

}  // namespace neurodyn
