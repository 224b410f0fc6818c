#pragma once
// The coincidence factor Gamma between a recorded (data) and a predicted (model) spike train: the fraction of
// spikes the model reproduces within a precision Delta, corrected for the coincidences expected by chance
// (Kistler, Gerstner & van Hemmen 1997, Neural Comput 9:1015; Jolivet et al. 2008, J Neurosci Methods
// 169:417, the measure of the spike-timing prediction challenge). Times and Delta in ms, rates in spikes per ms.
//
//   Gamma = (N_coinc - 2 nu Delta N_data) / (0.5 (N_data + N_model)) / (1 - 2 nu Delta),   nu = N_data / T
//
// Gamma is 1 for a model train equal to the data up to Delta, about 0 for a model no better than a Poisson
// train of the same rate, and negative for fewer coincidences than chance. The chance term 2 nu Delta N_data
// is the mean number of spikes a Poisson train of rate nu puts within +-Delta of the data spikes; it counts
// every such pair, whereas N_coinc pairs each spike at most once (a window holding two model spikes counts
// once, and so do two data spikes whose windows share their only model spike). For independent Poisson trains
// of equal rate the mean of Gamma is therefore below 0 by about (2 nu Delta)^2 / (1 - 2 nu Delta) for small
// 2 nu Delta (measured: -0.027 for two 20 Hz trains and Delta = 4 ms, -0.0005 at Delta = 0.5 ms).
#include <cstddef>
#include <span>

namespace neurodyn {

struct CoincidenceOptions {
  double delta_ms = 4.0;  // precision Delta: a data and a model spike at most Delta apart coincide; finite, > 0
  // Penalise a firing-rate mismatch in `error` as brian2modelfitting's GammaFactor does (following Clopath et
  // al. 2007, Neurocomputing 70:1668): rate_penalty = 2 |nu_data - nu_model| / nu_data.
  bool rate_correction = false;
};

struct CoincidenceFactor {
  double gamma = 0.0;                  // Gamma above (the rate correction never enters it)
  std::size_t coincidences = 0;        // N_coinc: the most disjoint (data, model) pairs at most Delta apart
  std::size_t data_spikes = 0;         // N_data
  std::size_t model_spikes = 0;        // N_model
  double expected_coincidences = 0.0;  // 2 nu Delta N_data, nu = N_data / duration
  double rate_penalty = 0.0;           // 2 |nu_data - nu_model| / nu_data with rate_correction, else 0
  double error = 0.0;                  // 1 + rate_penalty - gamma: 0 for a perfect prediction, the fitting cost
};

// data_ms and model_ms: spike times in ms from the start of the recording, finite, strictly increasing and
// within [0, duration_ms]; duration_ms: the length of the recording the data come from (and the model was
// run for), finite and > 0. Coincidence means |t_data - t_model| <= Delta (inclusive).
//
// Counting: the data spikes are taken in time order and each is paired with the earliest model spike not yet
// paired that lies within Delta of it. This greedy pairing is a maximum matching for every Delta: the windows
// [t - Delta, t + Delta] of later data spikes start and end later, so a later data spike can use any later
// free model spike in place of the earliest one (the exchange argument is in the source). When 2 Delta is less
// than every interspike interval of one of the trains, each spike of the other train has at most one partner
// within Delta, so every rule that pairs each spike at most once and leaves no pairable pair unpaired (nearest
// first included) counts the same, maximum number. brian2modelfitting differs: it rounds the times to the
// time step and counts each data spike whose nearest model spike is within Delta, so one model spike can
// serve two data spikes and Gamma can exceed 1 there; here Gamma <= 1.
//
// Corner cases:
// - both trains empty: the model predicts the data exactly; gamma = 1, rate_penalty = 0, error = 0;
// - no data spikes and some model spikes: nu = 0 and no coincidence, so gamma = 0 by the formula; with
//   rate_correction the relative rate mismatch is unbounded: rate_penalty = error = +infinity (as in
//   brian2modelfitting, where it comes out of a division by zero);
// - data spikes and no model spikes: gamma = -4 nu Delta / (1 - 2 nu Delta) by the formula.
//
// Throws InputError for times that are not finite, not strictly increasing or outside [0, duration_ms], for
// delta_ms or duration_ms not finite and > 0, and when 2 nu Delta >= 1 (the normalisation 1 - 2 nu Delta
// vanishes or changes sign, so Gamma is undefined; this depends only on the data, the duration and Delta,
// never on the model, so it is a setup error rather than a result).
CoincidenceFactor coincidence_factor(std::span<const double> data_ms, std::span<const double> model_ms,
                                     double duration_ms, const CoincidenceOptions& options = {});

}  // namespace neurodyn
