#!/usr/bin/python3
"""Writes the NWB fixtures of the NWB reader test (tests/io/nwb_test.cpp) from two real recordings, with h5py only.

  - efel_step_current.nwb: NWB 2 (nwb_version 2.5.0) holding efel_step_current.txt (eFEL's current.txt: 12,000 samples
    at 4 kHz, time s, current pA, voltage mV). /acquisition/efel_current_clamp is a CurrentClampSeries,
    /stimulus/presentation/efel_current_step the CurrentClampStimulusSeries injected; the two have different names
    and no sweep_number attribute, so only the intracellular_recordings table
    (/general/intracellular_ephys/intracellular_recordings) pairs them.
    The text's values are quantised near 0.0312485 mV and 3.12485 pA but printed to 5 decimals, so no int16 ADC
    scale reproduces them exactly; the data are stored instead as int32 counts of the text's last decimal:
    voltage counts of 10 nV with conversion 1e-8 and offset -0.07 (volts = counts * 1e-8 - 0.07), current counts of
    1e-17 A with conversion 1e-17 and no offset attribute (NWB >= 2.4 reads it as 0). conversion and offset are
    float64 attributes so that counts * conversion + offset gives back the text's values to about 1e-14 mV and pA;
    the script checks that before writing. Time: starting_time 0.0 s with rate 4000 Hz. The source gives no date,
    amplifier settings or cell: session_start_time is 1970-01-01T00:00:00+00:00 and bias_current,
    bridge_balance and capacitance_compensation are 0 (placeholders, not measurements). The file carries no
    cached schema (/specifications).
  - abf_sweeps_nwb1.nwb: Allen Cell Types NWB 1 layout (root dataset nwb_version "NWB-1.0.5") holding sweeps 0, 8
    and 16 of 171116sh_0018.abf, read with Neo's AxonIO (python3-neo), each cut to its first 1.5 s (30,000 of 60,000
    samples) to keep the file small. /acquisition/timeseries/Sweep_N: the ADC's raw int16 counts with conversion
    (Neo's gain / 1000, float64) and unit "Volts"; /stimulus/presentation/Sweep_N: the command that Neo's
    read_raw_protocol() rebuilds from the epoch table, float32 in "Amps" with conversion 1.0. N is the ABF sweep
    index; the groups are written in the order Sweep_16, Sweep_0, Sweep_8, so neither writing order nor name order
    is numeric order. starting_time is Neo's t_start of the sweep (0, 24 and 48 s).
  - abf_sweeps_nwb1_expected.csv: what the NWB 1 file must read back to, computed here from Neo and not from the
    file: per sampled row the sweep name and N, its sample count, start time (ms), the sample index, its time (ms),
    the voltage (raw count * Neo's gain, mV, float64) and the command (pA, Neo's protocol), plus each sweep's mean
    voltage and mean command over the stored window.

Run from anywhere, with Debian's interpreter (python3-h5py, python3-neo):
    /usr/bin/python3 tests/data/recordings/write_nwb_fixtures.py
It overwrites the three files next to this script; they are never edited by hand. The output is the same on every
run (fixed dates, identifiers derived from names, no object modification times).
"""

import csv
import decimal
import pathlib
import uuid

import h5py
import neo
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
EFEL_TEXT = HERE / "efel_step_current.txt"
EFEL_NWB = HERE / "efel_step_current.nwb"
ABF = HERE / "171116sh_0018.abf"
NWB1 = HERE / "abf_sweeps_nwb1.nwb"
NWB1_EXPECTED = HERE / "abf_sweeps_nwb1_expected.csv"

ABF_SWEEPS = [16, 0, 8]  # written in this order
ABF_WINDOW = 30000  # samples kept per sweep: 1.5 s at 20 kHz
ABF_CHECKED_INDICES = [0, 1, 2, 1000, 2935, 2936, 12935, 12936, 22935, 22936, 29999]

VOLTAGE_STEP_V = 1e-8  # one count of the NWB 2 voltage: 1e-5 mV, the text's last decimal
VOLTAGE_OFFSET_V = -0.07
CURRENT_STEP_A = 1e-17  # one count of the NWB 2 current: 1e-5 pA
GZIP = dict(compression="gzip", compression_opts=9, shuffle=True)

STR = h5py.string_dtype("utf-8")  # variable-length UTF-8, as pynwb writes text


def object_id(name):
    """A fixed UUID per object (pynwb writes random ones) so that reruns give the same bytes."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "neurodyn-test-fixture/" + name))


def typed(obj, neurodata_type, namespace="core", name=None, **attrs):
    obj.attrs["namespace"] = namespace
    obj.attrs["neurodata_type"] = neurodata_type
    obj.attrs["object_id"] = object_id(name or obj.name)
    for key, value in attrs.items():
        obj.attrs[key] = value


def text_counts(tokens, step_exponent, offset):
    """Exact integer counts of decimal text values: (value - offset) * 10**step_exponent."""
    scale = decimal.Decimal(10) ** step_exponent
    counts = []
    for token in tokens:
        exact = (decimal.Decimal(token) - decimal.Decimal(offset)) * scale
        if exact != exact.to_integral_value():
            raise SystemExit(f"{token} is not a multiple of 10**-{step_exponent}")
        counts.append(int(exact))
    return np.array(counts, dtype=np.int64)


def read_efel():
    rows = [line.split() for line in EFEL_TEXT.read_text().splitlines() if line.strip()]
    time_s = np.array([float(r[0]) for r in rows])
    current_pA = np.array([float(r[1]) for r in rows])
    voltage_mV = np.array([float(r[2]) for r in rows])
    voltage_counts = text_counts([r[2] for r in rows], 5, "-70")  # counts of 1e-5 mV above -70 mV
    current_counts = text_counts([r[1] for r in rows], 5, "0")  # counts of 1e-5 pA
    for counts in (voltage_counts, current_counts):
        if counts.min() < np.iinfo(np.int32).min or counts.max() > np.iinfo(np.int32).max:
            raise SystemExit("counts do not fit int32")
    # What a reader computes (data * conversion + offset, then to mV or pA) must give the text's values back.
    volts = voltage_counts.astype(np.float64) * VOLTAGE_STEP_V + VOLTAGE_OFFSET_V
    amperes = current_counts.astype(np.float64) * CURRENT_STEP_A
    assert np.max(np.abs(volts * 1e3 - voltage_mV)) < 1e-10, "voltage does not round-trip"
    assert np.max(np.abs(amperes * 1e12 - current_pA)) < 1e-10, "current does not round-trip"
    steps = np.diff(time_s)
    assert np.allclose(steps, 0.00025, rtol=0, atol=1e-12) and time_s[0] == 0.0, "not 4 kHz from 0 s"
    return voltage_counts.astype(np.int32), current_counts.astype(np.int32), len(rows)


def write_root(f, version, identifier, description):
    f.attrs["namespace"] = "core"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["nwb_version"] = version
    f.attrs["object_id"] = object_id("root")
    # NWB 2 core schema (nwb.file.yaml): these are datasets of the root group, not attributes.
    f.create_dataset("identifier", data=identifier, dtype=STR)
    f.create_dataset("session_description", data=description, dtype=STR)
    f.create_dataset("session_start_time", data="1970-01-01T00:00:00+00:00", dtype=STR)
    f.create_dataset("timestamps_reference_time", data="1970-01-01T00:00:00+00:00", dtype=STR)
    f.create_dataset("file_create_date", data=["2024-01-01T00:00:00+00:00"], dtype=STR)
    for group in ("analysis", "processing", "stimulus/templates"):
        f.require_group(group)


def time_series(group, data, unit, conversion, offset, rate, starting_time, description):
    ts_data = group.create_dataset("data", data=data, chunks=(len(data),), **GZIP)
    ts_data.attrs["conversion"] = np.float64(conversion)
    if offset is not None:
        ts_data.attrs["offset"] = np.float64(offset)
    ts_data.attrs["resolution"] = np.float32(-1.0)
    ts_data.attrs["unit"] = unit
    start = group.create_dataset("starting_time", data=np.float64(starting_time))
    start.attrs["rate"] = np.float32(rate)
    start.attrs["unit"] = "seconds"
    group.attrs["description"] = description
    group.attrs["comments"] = "no comments"


def reference_column(table, name, refs, counts):
    compound = np.dtype([("idx_start", "<i4"), ("count", "<i4"), ("timeseries", h5py.ref_dtype)])
    values = np.array([(0, c, r) for r, c in zip(refs, counts)], dtype=compound)
    column = table.create_dataset(name, data=values)
    typed(column, "TimeSeriesReferenceVectorData", description=f"the {name} of each recording")


def table_ids(table, rows):
    ids = table.create_dataset("id", data=np.arange(rows, dtype=np.int64))
    typed(ids, "ElementIdentifiers", namespace="hdmf-common")


def write_efel_nwb():
    voltage_counts, current_counts, samples = read_efel()
    with h5py.File(EFEL_NWB, "w", libver="earliest", track_order=False) as f:
        write_root(f, "2.5.0", "neurodyn-fixture-efel-step-current",
                   "eFEL test trace tests/testdata/basic/current.txt (BlueBrain/eFEL, BSD): one 2 s current step, "
                   "cortical neuron, rat somatosensory cortex")
        device = f.create_group("general/devices/amplifier")
        typed(device, "Device", description="amplifier (not given by the source)")
        ie = f.require_group("general/intracellular_ephys")
        electrode = ie.create_group("electrode_0")
        typed(electrode, "IntracellularElectrode")
        electrode.create_dataset("description", data="whole-cell patch electrode (eFEL test trace)", dtype=STR)
        electrode["device"] = h5py.SoftLink("/general/devices/amplifier")

        response = f.create_group("acquisition/efel_current_clamp")
        typed(response, "CurrentClampSeries", stimulus_description="IDRest")
        time_series(response, voltage_counts, "volts", VOLTAGE_STEP_V, VOLTAGE_OFFSET_V, 4000.0, 0.0,
                    "membrane potential, third column of eFEL's current.txt")
        for name in ("bias_current", "bridge_balance", "capacitance_compensation"):
            response.create_dataset(name, data=np.float32(0.0))
        response["electrode"] = h5py.SoftLink("/general/intracellular_ephys/electrode_0")

        stimulus = f.create_group("stimulus/presentation/efel_current_step")
        typed(stimulus, "CurrentClampStimulusSeries", stimulus_description="IDRest")
        time_series(stimulus, current_counts, "amperes", CURRENT_STEP_A, None, 4000.0, 0.0,
                    "injected current, second column of eFEL's current.txt")
        stimulus["electrode"] = h5py.SoftLink("/general/intracellular_ephys/electrode_0")

        # One recording: a row of the intracellular_recordings table (NWB 2.5 core, nwb.icephys.yaml).
        recordings = ie.create_group("intracellular_recordings")
        typed(recordings, "IntracellularRecordingsTable",
              description="A table to group together a stimulus and response from a single electrode and a single "
                          "simultaneous recording and for storing metadata about the intracellular recording.")
        recordings.attrs.create("colnames", np.array([], dtype=object), dtype=STR)
        recordings.attrs.create("categories", ["electrodes", "stimuli", "responses"], dtype=STR)
        table_ids(recordings, 1)
        electrodes = recordings.create_group("electrodes")
        typed(electrodes, "IntracellularElectrodesTable",
              description="Table for storing intracellular electrode related metadata.")
        electrodes.attrs.create("colnames", ["electrode"], dtype=STR)
        column = electrodes.create_dataset("electrode", data=np.array([electrode.ref], dtype=h5py.ref_dtype))
        typed(column, "VectorData", namespace="hdmf-common", description="the electrode of each recording")
        table_ids(electrodes, 1)
        for category, column_name, series in (("stimuli", "stimulus", stimulus), ("responses", "response", response)):
            table = recordings.create_group(category)
            typed(table, "IntracellularStimuliTable" if category == "stimuli" else "IntracellularResponsesTable",
                  description=f"Table for storing intracellular {column_name} related metadata.")
            table.attrs.create("colnames", [column_name], dtype=STR)
            reference_column(table, column_name, [series.ref], [samples])
            table_ids(table, 1)


def read_abf():
    reader = neo.io.AxonIO(str(ABF))
    block = reader.read_block(lazy=False)
    commands, command_names, command_units = reader.read_raw_protocol()
    channels = reader.header["signal_channels"]
    assert channels["units"][0] == "mV" and command_units[0] == "pA", (channels["units"], command_units)
    gain, offset = float(channels["gain"][0]), float(channels["offset"][0])
    assert offset == 0.0, "NWB 1 has no offset attribute"
    rate = float(channels["sampling_rate"][0])
    sweeps = []
    for k in ABF_SWEEPS:
        raw = reader.get_analogsignal_chunk(block_index=0, seg_index=k, i_start=0, i_stop=ABF_WINDOW,
                                            stream_index=0, channel_indexes=[0])[:, 0]
        voltage_mV = raw.astype(np.float64) * gain
        scaled = np.asarray(block.segments[k].analogsignals[0].magnitude[:ABF_WINDOW, 0], dtype=np.float64)
        assert np.max(np.abs(voltage_mV - scaled)) < 1e-4, "raw counts * gain differ from Neo's scaled signal"
        command_pA = np.asarray(commands[k][0][:ABF_WINDOW], dtype=np.float64)
        start_s = float(reader.get_signal_t_start(block_index=0, seg_index=k, stream_index=0))
        sweeps.append(dict(number=k, raw=raw.astype(np.int16), voltage_mV=voltage_mV, command_pA=command_pA,
                           start_s=start_s))
    return sweeps, gain, rate, block.rec_datetime, command_names[0]


def fixed(text):
    """Fixed-length ASCII, as the Allen Institute's NWB 1 files store text."""
    return np.bytes_(text)


def write_nwb1():
    sweeps, gain, rate, rec_datetime, command_name = read_abf()
    with h5py.File(NWB1, "w", libver="earliest", track_order=False) as f:
        f.create_dataset("nwb_version", data=fixed("NWB-1.0.5"))
        f.create_dataset("identifier", data=fixed("neurodyn-fixture-171116sh_0018"))
        f.create_dataset("session_description",
                         data=fixed("ABF sweeps 0, 8, 16 of 171116sh_0018.abf (swharden/pyABF, MIT), first 1.5 s"))
        f.create_dataset("session_start_time", data=fixed(rec_datetime.isoformat()))
        f.create_dataset("file_create_date", data=fixed("2024-01-01T00:00:00"))
        general = f.create_group("general")
        general.create_dataset("session_id", data=fixed("171116sh_0018"))
        general.create_dataset("specimen", data=fixed("cortical neuron (pyABF example recording)"))
        f.create_group("general/intracellular_ephys/electrode_0").create_dataset(
            "description", data=fixed("IN 0 / " + command_name))
        for sweep in sweeps:
            name = f"Sweep_{sweep['number']}"
            acquired = f.create_group(f"acquisition/timeseries/{name}")
            acquired.attrs["ancestry"] = np.array([b"TimeSeries", b"PatchClampSeries", b"CurrentClampSeries"])
            acquired.attrs["neurodata_type"] = fixed("TimeSeries")
            acquired.attrs["source"] = fixed("171116sh_0018.abf")
            data = acquired.create_dataset("data", data=sweep["raw"], chunks=(ABF_WINDOW,), **GZIP)
            data.attrs["conversion"] = np.float64(gain * 1e-3)
            data.attrs["resolution"] = np.float32(np.nan)
            data.attrs["unit"] = fixed("Volts")
            start = acquired.create_dataset("starting_time", data=np.float64(sweep["start_s"]))
            start.attrs["rate"] = np.float32(rate)
            start.attrs["unit"] = fixed("Seconds")
            acquired.create_dataset("num_samples", data=np.int32(ABF_WINDOW))
            acquired.create_dataset("electrode_name", data=fixed("electrode_0"))

            presented = f.create_group(f"stimulus/presentation/{name}")
            presented.attrs["ancestry"] = np.array([b"TimeSeries", b"PatchClampSeries", b"CurrentClampStimulusSeries"])
            presented.attrs["neurodata_type"] = fixed("TimeSeries")
            data = presented.create_dataset("data", data=(sweep["command_pA"] * 1e-12).astype(np.float32),
                                            chunks=(ABF_WINDOW,), **GZIP)
            data.attrs["conversion"] = np.float32(1.0)
            data.attrs["unit"] = fixed("Amps")
            start = presented.create_dataset("starting_time", data=np.float64(sweep["start_s"]))
            start.attrs["rate"] = np.float32(rate)
            start.attrs["unit"] = fixed("Seconds")
            presented.create_dataset("num_samples", data=np.int32(ABF_WINDOW))

    with open(NWB1_EXPECTED, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["sweep", "N", "samples", "start_time_ms", "voltage_mean_mV", "command_mean_pA",
                         "index", "time_ms", "voltage_mV", "command_pA"])
        for sweep in sorted(sweeps, key=lambda s: s["number"]):
            for i in ABF_CHECKED_INDICES:
                writer.writerow([f"Sweep_{sweep['number']}", sweep["number"], ABF_WINDOW, repr(sweep["start_s"] * 1e3),
                                 repr(float(np.mean(sweep["voltage_mV"]))), repr(float(np.mean(sweep["command_pA"]))),
                                 i, repr(i * 1e3 / rate), repr(float(sweep["voltage_mV"][i])),
                                 repr(float(sweep["command_pA"][i]))])


def main():
    write_efel_nwb()
    write_nwb1()
    for path in (EFEL_NWB, NWB1, NWB1_EXPECTED):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
