"""An f-I curve and a voltage trace of the 2003 regular-spiking cell, drawn with matplotlib into one PNG.

    .venv/bin/python examples/python/fi_and_trace.py [OUT.png]    (default out/python/fi_and_trace.png)
"""

import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import neurodyn as nd  # noqa: E402
import numpy as np  # noqa: E402

PRESET = "izh2003-RS"


def main(out):
    unit = next(m["current_unit"] for m in nd.models() if m["name"] == "izh2003")
    curve = nd.fi_curve(np.arange(0.0, 40.5, 0.5), preset=PRESET)
    run = nd.simulate(preset=PRESET, method="dopri5", rtol=1e-9, atol=1e-9, t_end=300, stimulus="step:amp=10,start=50")

    figure, (fi_axes, trace_axes) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    fi_axes.plot(curve["current"], curve["steady_rate_hz"], ".-", label="steady (1000 / mean ISI)")
    fi_axes.plot(curve["current"], curve["first_isi_rate_hz"], ".-", label="first ISI")
    fi_axes.set(xlabel=f"I, {unit}", ylabel="rate (Hz)", title=f"f-I curve, {PRESET}, from rest")
    fi_axes.legend()
    trace_axes.plot(run.t, run.v, lw=0.8)
    trace_axes.plot(run.spikes, np.full(run.spikes.shape, 32.0), "v", ms=4, label="spikes (located)")
    title = f"{PRESET}, 10 {unit.split()[0]} from 50 ms\n{run.firing_pattern}, dopri5 at 1e-9"
    trace_axes.set(xlabel="t (ms)", ylabel="v (mV)", title=title)
    trace_axes.legend(loc="lower right")
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=110)
    print(f"figure: {out}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out/python/fi_and_trace.png"))
