"""Type stubs of neurodyn's extension module. Units: times in ms, voltages in mV (dimensionless for
FitzHugh-Nagumo), currents in the model's current unit (models()[i]["current_unit"]), rates in Hz."""

import os
from typing import Any, Callable, Sequence

import numpy as np
import numpy.typing as npt

Stimulus = str | tuple[npt.ArrayLike, npt.ArrayLike] | None

def models() -> list[dict[str, Any]]:
    """The models: [{name, title, citation, current_unit, has_reset, parameters: [{name, unit, default, min, max,
    meaning}], state_variables: [{name, unit, meaning}]}]."""

def presets(model: str | None = None) -> list[dict[str, Any]]:
    """The named configurations, of `model` when given (ValueError for an unknown model): [{name, model,
    description, source, parameters: {name: value}, v0, u0, stimulus, t_end, published_dt,
    published_spike_count}], None where a preset sets no value."""

def methods() -> list[dict[str, Any]]:
    """The solvers: [{name, title, order, adaptive, implicit, description, options: [{name, unit, allowed,
    default, meaning}]}]; the options are the keyword arguments simulate() accepts for that method."""

class Result:
    """One run of simulate(). Arrays are read-only float64 views on the run's memory (no copy), shape
    (samples,) (spikes: (spike count,)); each keeps the Result alive (its .base)."""

    @property
    def t(self) -> np.ndarray:
        """Recorded times (ms); equal times at a spike: the samples before and after the reset."""
    @property
    def v(self) -> np.ndarray:
        """The first state variable (the membrane potential) at t; a strided view."""
    @property
    def state(self) -> dict[str, np.ndarray]:
        """Every state variable at t by name, in the model's order (variables)."""
    @property
    def spikes(self) -> np.ndarray:
        """Spike times (ms): the values `neurodyn simulate` writes to spikes.csv."""
    @property
    def variables(self) -> list[str]:
        """The names of the state variables."""
    @property
    def status(self) -> str:
        """'ok', 'unstable', 'max-steps', 'step-too-small', 'newton-failure', 'series-divergence' or
        'runaway-burst'."""
    @property
    def ok(self) -> bool:
        """Whether status is 'ok'."""
    @property
    def message(self) -> str:
        """Empty when ok; otherwise what happened, when and in which state."""
    @property
    def stats(self) -> dict[str, int]:
        """Solver statistics: steps, rejected_steps, rhs_evaluations, jacobian_evaluations, newton_iterations,
        newton_failures."""
    @property
    def spike_statistics(self) -> dict[str, Any]:
        """From the stimulus onset to t_end: window_ms, spike_count, rate_hz, mean_isi_ms, isi_cv,
        first_spike_latency_ms, adaptation_index, burst_count, mean_spikes_per_burst, firing_pattern,
        firing_pattern_reason (None where undefined)."""
    @property
    def firing_pattern(self) -> str:
        """The response's firing pattern ('tonic spiking', 'phasic bursting', ...), as `neurodyn simulate` prints."""
    @property
    def config(self) -> str:
        """The effective run as TOML, the config.toml `neurodyn simulate` writes (simulate(config=path) repeats
        it). An array stimulus is named file:(array)."""

def simulate(
    *,
    preset: str | None = None,
    model: str | None = None,
    params: dict[str, float] | None = None,
    stimulus: Stimulus = None,
    v0: float | None = None,
    u0: float | None = None,
    t_end: float | None = None,
    method: str | None = None,
    output_step: float | None = None,
    record_every: int | None = None,
    record: str | None = None,
    events: str | os.PathLike[str] | None = None,
    event_decay: float | None = None,
    config: str | os.PathLike[str] | None = None,
    **method_options: float | int | bool | str,
) -> Result:
    """One run, as `neurodyn simulate` with the flags of the same names; precedence: argument > config file >
    preset > model defaults. Method options by name (dt=0.01, rtol=1e-9, atol=1e-9, spikes='grid', ...;
    methods() lists them). stimulus: a spec ('step:amp=70,start=100', joined by '+') or (t_ms, I) arrays, read
    as a `file:` table (linear between rows, constant outside). record='spikes' keeps no trace; record_every=k
    keeps one sample in k steps. The GIL is released while the run is solved.

    Raises ValueError (the library's message, as the command line prints it) for invalid input and OSError for
    an unreadable file; a numerical failure is no exception: the Result's status and message say what happened.
    """

def fi_curve(
    currents: Sequence[float] | npt.ArrayLike,
    *,
    preset: str | None = None,
    model: str | None = None,
    params: dict[str, float] | None = None,
    v0: float | None = None,
    u0: float | None = None,
    t_end: float | None = None,
    method: str | None = None,
    start: str = "rest",
    window: tuple[float, float] | None = None,
    detector: str = "events",
    prominence: float = 10.0,
    threads: int = 0,
    **method_options: float | int | bool | str,
) -> dict[str, Any]:
    """The f-I curve of `neurodyn fi` (preset izh2003-RS and t_end 1000 ms unless given) at the currents (sorted,
    duplicates dropped): one run of t_end ms per constant current, from rest at I = 0 (start='rest') or the run's
    initial state ('given'); rates from the spikes in window (ms; default the second half of the run).

    Returns {current, steady_rate_hz, first_isi_rate_hz, first_spike_ms, spike_count, window_spike_count,
    window_peak_count, missed_oscillation: float64 arrays; status, message: lists; window_ms; initial_state}.
    threads=0 uses all cores; the points are the same for any count.
    """

def spike_statistics(
    spike_times: Sequence[float] | npt.ArrayLike, start: float, end: float, *, burst_ratio: float = 3.0
) -> dict[str, Any]:
    """Statistics of a spike train (ms, strictly increasing) within [start, end] (ms), as `neurodyn stats --window
    START:END` prints them: {window_ms, spike_count, rate_hz (Hz), mean_isi_ms, isi_cv, first_spike_latency_ms
    (from start), adaptation_index, burst_count, mean_spikes_per_burst, firing_pattern, firing_pattern_reason},
    None where undefined. burst_ratio (> 1): how much longer an interval between bursts is than one within.
    Raises ValueError for times that do not increase strictly or an empty window."""

def efel_features(
    t_ms: npt.ArrayLike,
    v_mV: npt.ArrayLike,
    stim_start: float,
    stim_end: float,
    *,
    stimulus_current: float | None = None,
    names: Sequence[str] = (),
    threshold: float = -20.0,
    derivative_threshold: float = 10.0,
    derivative_window: int = 3,
    interp_step: float = 0.1,
    spike_skipf: float = 0.1,
    max_spike_skip: int = 2,
    ignore_first_isi: bool = True,
    burst_factor: float = 1.5,
    voltage_base_start_perc: float = 0.9,
    voltage_base_end_perc: float = 1.0,
    voltage_base_median: bool = False,
    precision_threshold: float = 1e-10,
    strict_stiminterval: bool = False,
    offset: float = 0.0,
    decay_start_after_stim: float = 1.0,
    decay_end_after_stim: float = 10.0,
) -> dict[str, np.ndarray | None]:
    """eFEL's features (names and definitions of BlueBrain's eFEL 1b6c129; the values of `neurodyn recording
    features`) of the trace t_ms (ms, strictly increasing) and v_mV (mV) for a step stimulus from stim_start to
    stim_end (ms); stimulus_current (nA) for ohmic_input_resistance. names: the features to compute (default all,
    in eFEL's order). Settings as eFEL's of the same names: threshold (mV), derivative_threshold (mV/ms),
    interp_step, offset, decay_start_after_stim, decay_end_after_stim (ms); voltage_base_median selects
    voltage_base_mode 'median'.

    Returns {name: float64 array (one value, or one per spike, interval or burst), or None where eFEL gives
    None}; indices and counts are floats, as in eFEL. Raises ValueError for an unknown name, a trace too short,
    unequal or not increasing, or settings out of range."""

def read_recording(
    path: str | os.PathLike[str],
    *,
    time_column: int = 0,
    voltage_column: int | None = None,
    current_column: int | None = None,
    time_scale_ms: float = 1.0,
    voltage_scale_mV: float = 1.0,
    current_scale_pA: float = 1.0,
) -> dict[str, Any]:
    """A whole-cell recording as `neurodyn recording` reads it: ABF2, NWB 2, Allen Cell Types NWB 1 or a text
    table, recognised from its content, never its name. Times in ms, voltages in mV, currents in pA (a channel
    in another unit of the same kind is converted; one of another kind keeps its unit).

    Returns {path, format ('ABF2', 'NWB 2', 'NWB 1 (Allen Cell Types)', 'text'), facts: {key: text},
    sweeps: [{number, name, start_time_ms, time_ms: array, channels: [{name, unit, samples: array}] (voltage
    first), command: {name, unit, samples: array} (pA) or None, command_source, holding_pA, epochs: [{name,
    type ('holding', 'step', 'ramp'), start_ms, end_ms, level_pA, end_level_pA}]}]}; the arrays are float64 and
    own their memory. Text tables only: the columns (from 0; voltage default the header's v... column, else the
    last; a current column is read as the command) and the scales: ms, mV, pA per unit of the file
    (time_scale_ms=1000 for seconds, voltage_scale_mV=1000 for volts, current_scale_pA=1000 for nA).
    Raises ValueError for a file that is not a recording (or corrupt), OSError for one that cannot be read."""

def phase_plane(
    *,
    preset: str | None = None,
    model: str | None = None,
    params: dict[str, float] | None = None,
    stimulus: Stimulus = None,
    v0: float | None = None,
    u0: float | None = None,
    t_end: float | None = None,
    config: str | os.PathLike[str] | None = None,
    current: float | None = None,
    reference_current: float = 0.0,
    v_range: tuple[float, float] | None = None,
    points: int = 400,
) -> dict[str, Any]:
    """The analysis of `neurodyn phase` (preset izh2003-RS unless a preset or model is given), as the dict of its
    fixed_points.json without the program line: {model, current, current_unit, time_unit, fixed_points: [{state,
    type, eigenvalues (1/ms)}], rest: {reference_current, state, rest_lost_at, bifurcation, saddle_node_current}
    or None, rest_note, plane: the same for the model's two-variable reduction (hh: hh-reduced, with
    'reduction') or None}. current (model units): where the fixed points are found, default the stimulus at
    t_end; reference_current: where the rest is taken before it is followed to larger currents.

    With v_range=(low, high) (mV) also 'nullclines': {v, first (the second variable where v' = 0), second
    (where its own derivative is 0)}, float64 arrays of `points` samples, NaN where a curve has no point, in
    the plane of the analysis (the reduction's for hh). ValueError for a model without a plane."""

def compare(
    *,
    preset: str | None = None,
    model: str | None = None,
    params: dict[str, float] | None = None,
    stimulus: Stimulus = None,
    v0: float | None = None,
    u0: float | None = None,
    t_end: float | None = None,
    config: str | os.PathLike[str] | None = None,
    methods: Sequence[str] | None = None,
    steps: Sequence[float] | None = None,
    tolerances: Sequence[float] | None = None,
    repeats: int = 3,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """The solver comparison of `neurodyn compare` (preset izh2007-RS unless a preset or model is given): every
    method (default: the earlier study's and ours) over a ladder of steps (ms; fixed-step methods) or tolerances
    (rtol = atol; adaptive ones), against a CVODE Adams reference at 1e-14 cross-checked by a second method. Wall
    times (ms) are the median of `repeats` runs; everything else is the same as compare.csv's.

    Returns {reference: {method, tolerance, spike_times (ms array), wall_ms, cross_check_method,
    cross_check_setting, cross_check_status, cross_check_message, cross_check_spike_count, agreement_ms, agree},
    runs: {method, adaptive, status, message, spike_count_right: lists; setting, spike_count, max_spike_error_ms,
    mean_spike_error_ms, max_voltage_error_mV (mV), steps, rejected_steps, rhs_evaluations,
    jacobian_evaluations, wall_ms: float64 arrays, NaN where not measured}, summaries: [{method, adaptive,
    largest_reliable_step_ms, fitted_order, not_applicable}], verdict: text}.

    progress(summary) is called (with the GIL) after each method's ladder; an exception it raises stops the
    comparison and propagates to the caller. ValueError for invalid input, RuntimeError when the reference run
    fails (nothing can be measured against it)."""

def network(
    config: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    preset: str | None = None,
    semantics: str | None = None,
    seed: int | None = None,
    duration: float | None = None,
    threads: int | None = None,
    checkpoint: str | os.PathLike[str] | None = None,
    resume: bool = False,
    checkpoint_interval_s: float = 30.0,
    progress: Callable[[float, float, int], None] | None = None,
) -> dict[str, Any]:
    """A network of `neurodyn network`: from a TOML config file (layout: include/neurodyn/io/network_config.hpp),
    TOML text (text=) or the preset izh2003-network (Izhikevich's net.m; the default); at most one of the three.
    semantics ('converged' or 'published'), seed, duration (ms, a whole number of bins) and threads (0: all
    cores; the spikes do not depend on it) replace the network's own when given.

    Returns {spikes: {time_ms (float64), neuron (int64, the global index: groups in order), group (int64, index
    into groups)}, in time order (ties by neuron), the rows of spikes.csv; groups: [{name, model, first, count,
    neuron_rates_hz (each neuron's spikes / duration, Hz), population_rate_hz (per bin of bin_ms, Hz per
    neuron)}]; duration_ms; bin_ms; synapses; ok; message (the neuron that diverged, when not ok);
    simulation_seconds; config (the effective TOML, config.toml)}.

    progress(time_ms, duration_ms, spikes) is called with the GIL every few hundred ms of wall time and at the
    end; an exception it raises stops the run and propagates. The GIL is released while the network runs.

    checkpoint: a file where the run's state is kept (every neuron's state, the delay buffers, the spikes so far)
    every checkpoint_interval_s (s), removed when the run completes; resume=True continues a stopped run from it,
    to the spikes of the uninterrupted run (ValueError for the checkpoint of another network)."""

def sweep(
    config: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    threads: int | None = None,
    checkpoint: str | os.PathLike[str] | None = None,
    resume: bool = False,
    checkpoint_interval_s: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """A sweep of `neurodyn sweep` from a TOML config file (layout: include/neurodyn/io/sweep_config.hpp) or TOML
    text (text=), exactly one: many single-neuron runs over a grid or a random sample of parameters and constant
    currents, stepped together in lanes on `threads` threads (0: all cores; the result does not depend on it).

    Returns {runs: {one float64 array per axis by its name ('I' in model units, or a parameter), spike_count,
    window_spike_count, steady_rate_hz (Hz), first_spike_ms (NaN without a spike): float64 arrays; pattern, ok,
    message: lists}, the rows of runs.csv; spikes: {run (int64, the row), time_ms (float64)}, the rows of
    spikes.csv; seconds; config (the effective TOML)}.

    progress(runs_done, runs) is called with the GIL every few hundred ms and at the end; an exception it raises
    stops the sweep and propagates.

    checkpoint: a file where the runs done are kept every checkpoint_interval_s (s), removed when the sweep
    completes; resume=True runs only the others."""
