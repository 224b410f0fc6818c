// The response window of a run: from the onset of the stimulus to the end of the run (the whole run for an
// input that never changes), with the end of a pulse and a release from hyperpolarization marked.
#include <gtest/gtest.h>

#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

SpikeTrainWindow window_of(const char* spec, double t_end) {
  return stimulus_window(parse_stimulus(spec, t_end), 0.0, t_end);
}

TEST(StimulusWindow, StepFromItsOnsetToTheEndOfTheRun) {
  const SpikeTrainWindow window = window_of("step:amp=14,start=15", 150.0);
  EXPECT_EQ(window.start_ms, 15.0);
  EXPECT_EQ(window.end_ms, 150.0);
  EXPECT_EQ(window.polarity, 1);
  EXPECT_FALSE(window.input_end_ms);
  EXPECT_FALSE(window.release_from_hyperpolarization);
}

TEST(StimulusWindow, PolarityIsTheDirectionOfTheOnset) {
  EXPECT_EQ(window_of("step:amp=-15,start=20,stop=25", 200.0).polarity, -1);  // 2004 panel M's inhibition
  EXPECT_EQ(window_of("ramp:slope=-0.1,start=30", 200.0).polarity, -1);       // a bend, not a jump
  EXPECT_EQ(window_of("const:amp=5", 200.0).polarity, 0);
}

TEST(StimulusWindow, PulseFromItsOnsetToTheEndOfTheRunWithTheInputEndMarked) {
  const SpikeTrainWindow window = window_of("step:amp=7.04,start=10,stop=13", 100.0);
  EXPECT_EQ(window.start_ms, 10.0);
  EXPECT_EQ(window.end_ms, 100.0);  // the response includes what follows the pulse
  EXPECT_EQ(window.input_end_ms, 13.0);
  EXPECT_EQ(window.input_end(), 13.0);
  // The first pulse of a train.
  const SpikeTrainWindow first = window_of("pulses:amp=1,start=40,width=4,period=20,count=3", 400.0);
  EXPECT_EQ(first.start_ms, 40.0);
  EXPECT_EQ(first.end_ms, 400.0);
  EXPECT_EQ(first.input_end_ms, 44.0);
}

TEST(StimulusWindow, ReleaseFromAHeldHyperpolarizationIsMarked) {
  // The 2003 thalamo-cortical cell's rebound protocol: held at -25, released to 0 at 45 ms.
  const SpikeTrainWindow window = window_of("const:amp=-25+step:amp=25,start=45", 150.0);
  EXPECT_EQ(window.start_ms, 45.0);
  EXPECT_EQ(window.polarity, 1);
  EXPECT_TRUE(window.release_from_hyperpolarization);
  EXPECT_FALSE(window_of("const:amp=-25+step:amp=30,start=45", 150.0).release_from_hyperpolarization);
}

TEST(StimulusWindow, ALevelThatNeverReturnsToItsBaselineLastsToTheEnd) {
  // The 2003 resonator cell: -2 until 10 ms, then -0.5, with a pulse on top at 60-65 ms.
  const SpikeTrainWindow window = window_of("const:amp=-2+step:amp=1.5,start=10+step:amp=10.5,start=60,stop=65", 100.0);
  EXPECT_EQ(window.start_ms, 10.0);
  EXPECT_EQ(window.end_ms, 100.0);
  EXPECT_FALSE(window.input_end_ms);
}

TEST(StimulusWindow, ConstantInputIsTheWholeRun) {
  const SpikeTrainWindow window = window_of("const:amp=5", 200.0);
  EXPECT_EQ(window.start_ms, 0.0);
  EXPECT_EQ(window.end_ms, 200.0);
  EXPECT_THROW(stimulus_window(parse_stimulus("none", 10.0), 10.0, 10.0), InputError);
}

}  // namespace
}  // namespace neurodyn
