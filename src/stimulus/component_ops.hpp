#pragma once
// What the Stimulus needs from each component besides its values (evaluate.hpp): its jumps, its canonical
// spec text and its validation. One overload per component type.
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::stimulus_detail {

// Appends the finite times in [from, to] where the component's value jumps (jumps.cpp).
void add_jumps(const StepCurrent& step, double from, double to, std::vector<double>& jumps);
void add_jumps(const PulseTrain& train, double from, double to, std::vector<double>& jumps);
void add_jumps(const Ramp& ramp, double from, double to, std::vector<double>& jumps);
void add_jumps(const Sine& sine, double from, double to, std::vector<double>& jumps);
void add_jumps(const OrnsteinUhlenbeck& noise, double from, double to, std::vector<double>& jumps);
void add_jumps(const CurrentTable& table, double from, double to, std::vector<double>& jumps);

// The first time after t where the component jumps or bends (for noise and tables: its next sample), or
// +infinity (jumps.cpp).
double next_piece_end(const StepCurrent& step, double t);
double next_piece_end(const PulseTrain& train, double t);
double next_piece_end(const Ramp& ramp, double t);
double next_piece_end(const Sine& sine, double t);
double next_piece_end(const OrnsteinUhlenbeck& noise, double t);
double next_piece_end(const CurrentTable& table, double t);

// The component in the grammar of parse.hpp, doubles in shortest round-trip form (canonical_spec.cpp).
std::string canonical_spec(const StepCurrent& step);
std::string canonical_spec(const PulseTrain& train);
std::string canonical_spec(const Ramp& ramp);
std::string canonical_spec(const Sine& sine);
std::string canonical_spec(const OrnsteinUhlenbeck& noise);
std::string canonical_spec(const CurrentTable& table);

// Throws InputError "<context>: <key> = <value> ...; allowed: ..." when a field is out of its domain.
// Keys are the spec's (amp, start, ...), so messages read the same for parsed and constructed stimuli
// (validate.cpp).
void validate(const StepCurrent& step, std::string_view context);
void validate(const PulseTrain& train, std::string_view context);
void validate(const Ramp& ramp, std::string_view context);
void validate(const Sine& sine, std::string_view context);
void validate(const OrnsteinUhlenbeck& noise, std::string_view context);
void validate(const CurrentTable& table, std::string_view context);
// The noise's parameters only (before its samples are drawn).
void validate_noise_parameters(const OrnsteinUhlenbeck& noise, std::string_view context);

}  // namespace neurodyn::stimulus_detail
