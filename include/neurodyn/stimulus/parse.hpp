#pragma once
// Stimulus specs, as on the command line and in config files:
//   step:amp=70,start=100[,stop=500][,edges=open|closed]
//   const:amp=-0.5
//   pulses:amp=..,start=..,width=..,period=..,count=..
//   ramp:slope=..,start=..[,stop=..]
//   sine:amp=..,freq_hz=..[,phase=..][,offset=..][,start=..][,stop=..]
//   noise:mean=..,sigma=..,tau=..,seed=..[,sample_step=..]
//   file:PATH[,time_col=..,current_col=..,time_unit=ms|s]
// joined by '+' to add them. An empty spec or "none" is no input.
#include <string_view>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

// Throws InputError naming the component, the key and the allowed keys or values; FileError for an
// unreadable table. `span_ms` is how far noise is sampled.
Stimulus parse_stimulus(std::string_view spec, double span_ms);

}  // namespace neurodyn
