"""neurodyn: spiking-neuron dynamics (Izhikevich, FitzHugh-Nagumo, LIF, AdEx, Hodgkin-Huxley) from Python.

The engine of the `neurodyn` command line, in process: the same models, presets, solvers and checks, so the
same input gives the same spikes and the same error messages. Times in ms, voltages in mV, currents in the
model's current unit (``models()`` lists the units). Invalid input raises ValueError (OSError for a file that
cannot be read); a run that fails numerically returns a Result whose ``status`` and ``message`` say why.

    >>> import neurodyn as nd
    >>> r = nd.simulate(preset="izh2007-RS", method="rk4", dt=0.01, stimulus="step:amp=70,start=100")
    >>> r.spikes[:3], r.firing_pattern
"""

from typing import TYPE_CHECKING

from ._neurodyn import (
    Result,
    compare,
    efel_features,
    fi_curve,
    methods,
    models,
    network,
    phase_plane,
    presets,
    read_recording,
    simulate,
    spike_statistics,
    sweep,
)

if TYPE_CHECKING:
    from ._neurodyn_fit import fit
    from ._neurodyn_pinn import pinn

__all__ = [
    "Result",
    "compare",
    "efel_features",
    "fi_curve",
    "fit",
    "methods",
    "models",
    "network",
    "phase_plane",
    "pinn",
    "presets",
    "read_recording",
    "simulate",
    "spike_statistics",
    "sweep",
]


def __getattr__(name):
    """neurodyn.fit and neurodyn.pinn, from the extensions _neurodyn_fit and _neurodyn_pinn, loaded on first use:
    they link pagmo and NLopt, and LibTorch, which `import neurodyn` does not load. _neurodyn_pinn exists only
    where neurodyn was built with its PINN layer (NEURODYN_PINN)."""
    if name == "fit":
        from ._neurodyn_fit import fit

        return fit
    if name == "pinn":
        from ._neurodyn_pinn import pinn

        return pinn
    raise AttributeError(f"module 'neurodyn' has no attribute '{name}'")
