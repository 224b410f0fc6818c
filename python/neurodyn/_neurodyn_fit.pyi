"""Type stub of neurodyn's fitting extension, loaded by neurodyn.fit on first use (it links pagmo and NLopt).
Units: times in ms, voltages in mV, currents in pA, parameters in the model's units (their `unit`)."""

import os
from typing import Any, Callable, Sequence

def fit(
    config: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    recording: str | os.PathLike[str] | None = None,
    optimizer: str | None = None,
    evaluations: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    objective: Sequence[str] | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> dict[str, Any]:
    """`neurodyn fit` in process: a model fitted to a recording's training sweeps and scored on its held-out
    sweeps, as the TOML config file (or text=, exactly one; a relative recording path in text starts in the
    working directory) describes it (layout: README, `neurodyn fit`). recording, optimizer (sga, sa, de, sade,
    pso, cmaes, xnes, nsga2; lbfgs, bobyqa, subplex; study-gd, study-sa, study-ga), evaluations (the budget),
    seed, threads (0: all cores; the result does not depend on it) and objective (one kind of features, gamma,
    trace_mse, spike_times, minmax_mse; several for a Pareto front with nsga2) replace the config's.

    Returns {fitted: {free parameter: value}, free: {name: (min, max, unit)}, parameters: every parameter of the
    model, training and held_out: {features, gamma, trace_mse, spike_times (ms^2), minmax_mse, gamma_coincidence,
    sweeps, objective} (mean scores over the sweeps), optimizer, end ('budget', 'interrupted', ...), end_reason,
    evaluations, best_evaluation, history_score (float64 array, one per evaluation), pareto_front (its size),
    wall_s, rhs_evaluations, config (the fitted model as `neurodyn simulate --config` TOML: fit.toml)}.

    progress(evaluations, budget, best_score) is called with the GIL after each evaluation; an exception it raises
    stops the fit after the evaluations running and is raised again. ValueError for invalid input."""
