"""Type stub of neurodyn's PINN extension, loaded by neurodyn.pinn on first use (it links LibTorch).
Units: times in ms, voltages in mV, currents in the model's current unit, parameters in the model's units."""

import os
from typing import Any, Callable, Mapping, Sequence


def pinn(
    mode: str | None = None,
    *,
    preset: str | None = None,
    model: str | None = None,
    params: Mapping[str, float] | None = None,
    stimulus: str | tuple[Sequence[float], Sequence[float]] | None = None,
    v0: float | None = None,
    u0: float | None = None,
    t_end: float | None = None,
    events: str | os.PathLike[str] | None = None,
    event_decay: float | None = None,
    config: str | os.PathLike[str] | None = None,
    guide: str | None = None,
    identify: str | None = None,
    start: str | None = None,
    trace: str | os.PathLike[str] | None = None,
    checkpoint: str | os.PathLike[str] | None = None,
    resume: bool = False,
    progress: Callable[[dict[str, Any]], None] | None = None,
    window_ms: float | None = None,
    min_window_ms: float | None = None,
    hidden_units: int | None = None,
    feature_spread: float | None = None,
    collocation_points: int | None = None,
    max_iterations: int | None = None,
    residual_tolerance: float | None = None,
    hidden_layers: int | None = None,
    hidden_width: int | None = None,
    uniform_points: int | None = None,
    epochs: int | None = None,
    first_epochs: int | None = None,
    learning_rate: float | None = None,
    second_learning_rate: float | None = None,
    lbfgs_calls: int | None = None,
    lbfgs_iterations: int | None = None,
    initial_weight: float | None = None,
    data_step_ms: float | None = None,
    sample_step_ms: float | None = None,
    noise_mV: float | None = None,
    voltage_cap_mV: float | None = None,
    fit_iterations: int | None = None,
    period_ms: float | None = None,
    checkpoint_interval_s: float | None = None,
    seed: int | None = None,
    output_step_ms: float | None = None,
) -> dict[str, Any]:
    """`neurodyn pinn` in process: a physics-informed neural network trained on one neuron's problem and scored
    against the converged reference (CVODE Adams, rtol = atol = 1e-12) at the times t_start + (k + 1/2)
    output_step_ms, which no training used. The same run, numbers and error messages as the command with the
    flags of the same names ('_' for '-'); precedence: argument > config file (config=, a `neurodyn pinn
    --config` TOML with its [pinn] table) > preset > model defaults.

    mode: 'event' (one small network per short window, the spike located on the network and the reset applied
    exactly), 'pure' and 'guided' (one network over the span, the earlier study's methods; guided also regresses
    onto `guide`: 'euler' at data_step_ms or 'converged'), or 'inverse' (the constants `identify` names,
    comma-separated, default 'a,b', identified from a voltage: `trace`, a CSV file time_ms,v_mV, or simulated
    from the problem with noise_mV; `start`: starting values 'NAME=VALUE,...'; then the identified model run by
    the event PINN).
    The problem as simulate() takes it: preset, model, params, stimulus (a spec or (t_ms, I) arrays), v0, u0,
    t_end (ms), events, event_decay (ms).
    Options of the network, each for the modes it names (another mode refuses it):
    event: window_ms (ms), min_window_ms (ms), hidden_units, feature_spread, collocation_points, max_iterations
    (Gauss-Newton per try), residual_tolerance (1/ms); pure and guided: hidden_layers, hidden_width,
    uniform_points, epochs (Adam), first_epochs, learning_rate, second_learning_rate, lbfgs_calls,
    lbfgs_iterations, initial_weight; guided: data_step_ms (ms); pure: period_ms (ms); inverse: sample_step_ms
    (ms), noise_mV (mV), voltage_cap_mV (mV), fit_iterations (Levenberg-Marquardt); all: seed, output_step_ms
    (ms), checkpoint_interval_s (s). Their defaults: `neurodyn pinn --help`, and the returned config.
    checkpoint: a file where the training's state is kept every checkpoint_interval_s (removed when the run
    succeeds); resume=True continues from it.

    Returns {mode, ok, status ('ok', or why the run failed: 'step-too-small' when a window could not be
    accepted), message, t (ms, the scored times), v (the first state variable at t), state: {variable: array},
    reference: {variable: array} (the converged reference at t), spikes and reference_spikes (ms), metrics: a
    list of {method, spike_count, reference_spike_count, max_spike_error_ms, mean_spike_error_ms, max_v_error,
    max_u_error (in the units of the model's first and second variables, skipping 1 ms around every spike),
    scored_points, training_s, trained_parameters, note} (the rows of the command's metrics.csv: the PINN, Euler
    at 1 ms and, for izh2007-RS, the earlier study's published numbers; NaN where the file has an empty field),
    training: {column: array} (training.csv: one row per window, epoch or iteration), parameters (inverse:
    {name: {value, standard_error, start, truth (None for a recorded trace)}}), network (its size in words),
    config (the command's config.toml)}. A failed run has ok False, the trace as far as it got (the reference:
    empty, or as far as it got when it is what failed) and only the PINN's metrics row, unscored.

    progress({step, total, loss} and for the event mode t_ms and spikes) is called with the GIL after each
    window, epoch or iteration (total 0 for the event mode); an exception it raises stops the training and is
    raised again. The training runs with the GIL released. ValueError for invalid input, with the command's
    message; OSError for an unreadable file."""
