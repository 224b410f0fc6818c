#!/usr/bin/python3
"""Independent reference values for the ABF2 reader test (tests/io/abf2_test.cpp).

Reads tests/data/recordings/171116sh_0018.abf with Neo's AxonIO (python3-neo, Debian 12: 0.11.1), which shares no
code with neurodyn's reader, and writes tests/data/recordings/abf_reference.json with:
  - file: the recording's file name; neo_version: the Neo that produced the values
  - sweep_count, sample_rate_Hz, samples_per_sweep, channel_units, channel_names, sweep_start_times_s
  - command: the DAC's name and unit, and for each sweep the command rebuilt by Neo's read_raw_protocol() from the
    epoch table: boundaries (the sample indices where the command changes) and levels (the command from the first
    sample and after each boundary, so one more level than boundaries)
  - epoch_table: the raw EpochPerDAC rows of that DAC as Neo decoded them (number, type, levels, durations)
  - spike_counts: per sweep, upward crossings of 0 mV in channel 0 (a sample >= 0 preceded by one < 0)
  - samples: per sweep, channel 0 at sample indices 0, 1, 2, 30000 and 59999 in double precision (Neo's raw
    int16 values times Neo's gain plus its offset, float64), to check the scaling to physical units

Run from anywhere, with Debian's interpreter (the one that has python3-neo):
    /usr/bin/python3 tests/data/recordings/abf_reference.py
It overwrites abf_reference.json next to this script; the JSON is never edited by hand.
"""

import json
import pathlib

import neo
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ABF = HERE / "171116sh_0018.abf"
OUTPUT = HERE / "abf_reference.json"
COMMAND_DAC = 0  # the DAC whose waveform (epoch table) the protocol enables
SAMPLE_INDICES = [0, 1, 2, 30000, 59999]


def change_points(command):
    """Sample indices where the command differs from the sample before, and the level of each segment."""
    command = np.asarray(command, dtype=np.float64)
    boundaries = [int(i) for i in np.flatnonzero(command[1:] != command[:-1]) + 1]
    levels = [float(command[0])] + [float(command[i]) for i in boundaries]
    return boundaries, levels


def upward_zero_crossings(voltage_mV):
    v = np.asarray(voltage_mV, dtype=np.float64)
    return int(np.count_nonzero((v[1:] >= 0.0) & (v[:-1] < 0.0)))


def main():
    reader = neo.io.AxonIO(filename=str(ABF))
    block = reader.read_block(lazy=False)
    segments = block.segments
    first = segments[0].analogsignals[0]

    # The signals as Neo's read_block gives them (float32) and, for the scaling check, the same samples in float64
    # from Neo's raw values and its per-channel gain and offset.
    sample_rate_Hz = float(first.sampling_rate.rescale("Hz").magnitude)
    samples_per_sweep = int(first.shape[0])
    channel_count = int(first.shape[1])
    channels = reader.header["signal_channels"]

    spike_counts = []
    samples = []
    for index, segment in enumerate(segments):
        signal = segment.analogsignals[0]
        raw = reader.get_analogsignal_chunk(block_index=0, seg_index=index, stream_index=0)
        scaled = reader.rescale_signal_raw_to_float(raw, dtype="float64", stream_index=0)
        as_float32 = np.asarray(signal.magnitude, dtype=np.float32)
        if not np.array_equal(scaled.astype(np.float32), as_float32):
            raise SystemExit(f"sweep {index}: Neo's raw values times gain differ from read_block's signal")
        spike_counts.append(upward_zero_crossings(scaled[:, 0]))
        samples.append({str(i): float(scaled[i, 0]) for i in SAMPLE_INDICES})

    protocol, dac_names, dac_units = reader.read_raw_protocol()
    sweeps = []
    for index, dacs in enumerate(protocol):
        boundaries, levels = change_points(dacs[COMMAND_DAC])
        sweeps.append({"sweep": index, "boundaries": boundaries, "levels": levels})

    # The epoch table itself, from Neo's decoded header (EpochPerDAC rows of the command DAC, by epoch number).
    epoch_rows = reader._axon_info["dictEpochInfoPerDAC"].get(COMMAND_DAC, {})
    epoch_table = [
        {
            "epoch": int(number),
            "type": int(row["nEpochType"]),
            "first_level": float(row["fEpochInitLevel"]),
            "level_increment": float(row["fEpochLevelInc"]),
            "first_duration_samples": int(row["lEpochInitDuration"]),
            "duration_increment_samples": int(row["lEpochDurationInc"]),
        }
        for number, row in sorted(epoch_rows.items())
    ]
    holding = float(reader._axon_info["listDACInfo"][COMMAND_DAC]["fDACHoldingLevel"])

    reference = {
        "file": ABF.name,
        "neo_version": neo.__version__,
        "sweep_count": len(segments),
        "sample_rate_Hz": sample_rate_Hz,
        "samples_per_sweep": samples_per_sweep,
        "channel_count": channel_count,
        "channel_names": [str(name) for name in channels["name"]],
        "channel_units": [str(unit) for unit in channels["units"]],
        "sweep_start_times_s": [float(segment.t_start.rescale("s").magnitude) for segment in segments],
        "command": {
            "dac": COMMAND_DAC,
            "name": dac_names[COMMAND_DAC],
            "unit": dac_units[COMMAND_DAC],
            "holding_level": holding,
            "sweeps": sweeps,
        },
        "epoch_table": epoch_table,
        "spike_threshold_mV": 0.0,
        "spike_counts": spike_counts,
        "samples": samples,
    }
    OUTPUT.write_text(json.dumps(reference, indent=1) + "\n")
    print(f"wrote {OUTPUT}: {len(segments)} sweeps, spike counts {spike_counts}")


if __name__ == "__main__":
    main()
