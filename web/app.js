// The live explorer: controls generated from the API's catalogs, a simulation on every change, plots and
// readouts from each answer, and the whole view in the URL.
import {answerToCsv, download} from './js/csv.js';
import {fillSelect, sliderRow} from './js/controls.js';
import {ExplorerPlots} from './js/plots.js';
import {Simulator} from './js/simulation.js';
import {formatStep, parseStep, scaleStimulus, stimulusAmplitude} from './js/stimulus.js';
import {readState, writeState} from './js/url_state.js';

const $ = (id) => document.getElementById(id);

// Slider range of the stimulus amplitude, by the model's current unit (widened to hold a preset's value).
const amplitudeRanges = {'mV/ms': [-50, 100], 'pA': [-1000, 2000], 'dimensionless': [-3, 3], 'uA/cm^2': [-50, 150]};
const startingView = {preset: 'izh2004-A', method: 'rk4', dt: 0.01, compare: {on: true, method: 'euler', dt: 1}};

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const [models, presets, methods] = await Promise.all(['api/models', 'api/presets', 'api/methods'].map(getJson));
const modelNamed = (name) => models.find((model) => model.name === name);
const presetNamed = (name) => presets.find((preset) => preset.name === name);
const modelDefaults = (model) => Object.fromEntries(model.parameters.map((p) => [p.name, p.default]));

let state;
let lastAnswer = null;
let parameterRows = {};
let amplitudeRow = null;

// The problem of a preset: its model, parameters over the model's defaults, stimulus and length.
function presetProblem(preset) {
  return {preset: preset.name, model: preset.model, stimulus: preset.stimulus, t_end: preset.t_end,
          params: {...modelDefaults(modelNamed(preset.model)), ...preset.parameters}};
}

// A model on its own: its defaults, with the stimulus and length of its first preset (so that it does
// something, in the model's own current unit).
function modelProblem(model) {
  const example = presets.find((preset) => preset.model === model.name);
  return {preset: undefined, model: model.name, params: modelDefaults(model),
          stimulus: example?.stimulus ?? 'none', t_end: example?.t_end ?? 100};
}

function initialState() {
  const fromUrl = readState(location.hash);
  const preset = presetNamed(fromUrl.preset ?? (fromUrl.model ? '' : startingView.preset));
  const model = modelNamed(fromUrl.model ?? '');
  const problem = preset && (!model || model.name === preset.model) ? presetProblem(preset)
                                                                      : modelProblem(model ?? models[0]);
  return {
    ...problem,
    params: {...problem.params, ...fromUrl.params},
    stimulus: fromUrl.stimulus ?? problem.stimulus,
    t_end: fromUrl.t_end ?? problem.t_end,
    method: fromUrl.method ?? startingView.method,
    dt: fromUrl.dt ?? startingView.dt,
    compare: {...startingView.compare, ...fromUrl.compare},
  };
}

function requestBody() {
  const body = {model: state.model, params: state.params, stimulus: state.stimulus, t_end: state.t_end,
                method: state.method, dt: state.dt, samples: sampleBudget()};
  if (state.preset) body.preset = state.preset;
  if (state.compare.on) body.compare = {method: state.compare.method, dt: state.compare.dt};
  return body;
}

// Two samples per pixel of the widest plot: the min/max envelope then looks like the full trace.
function sampleBudget() {
  return Math.min(8000, Math.max(1000, 2 * Math.round($('plot-voltage').clientWidth * devicePixelRatio)));
}

// ---- controls ----

function buildPickers() {
  fillSelect($('model'), models.map((model) => ({value: model.name, label: `${model.name} — ${model.title}`})));
  const groups = models.map((model) => ({
    label: model.name,
    items: presets.filter((preset) => preset.model === model.name)
        .map((preset) => ({value: preset.name, label: `${preset.name}: ${preset.description}`})),
  })).filter((group) => group.items.length > 0);
  fillSelect($('preset'), [{value: '', label: '(none: the model\'s defaults)'}, ...groups]);
  const methodItems = methods.map((method) => ({
    value: method.name,
    label: `${method.name} (${method.adaptive ? 'adaptive' : 'fixed step'}${method.order ? `, order ${method.order}` : ''})`,
  }));
  fillSelect($('method'), methodItems);
  fillSelect($('compare-method'), methodItems);
}

function buildModelControls() {
  const model = modelNamed(state.model);
  parameterRows = {};
  const container = $('parameters');
  container.replaceChildren();
  for (const parameter of model.parameters) {
    const row = sliderRow({
      name: parameter.name, unit: parameter.unit, min: parameter.min, max: parameter.max,
      value: state.params[parameter.name] ?? parameter.default, meaning: parameter.meaning,
      onInput: (value) => {
        state.params[parameter.name] = value;
        changed();
      },
    });
    parameterRows[parameter.name] = row;
    container.append(row.element);
  }
  buildAmplitudeControl(model);
}

// The amplitude the controls show: a step's or a constant's, or for any other spec the amp, offset or mean of
// largest magnitude among its components (null for ramps alone).
function amplitudeOf(spec) { return parseStep(spec)?.amplitude ?? stimulusAmplitude(spec); }

function buildAmplitudeControl(model) {
  const unit = model.current_unit.split(' ')[0];
  const amplitude = amplitudeOf(state.stimulus) ?? 0;
  let [min, max] = amplitudeRanges[unit] ?? [-100, 100];
  min = Math.min(min, 2 * amplitude);
  max = Math.max(max, 2 * amplitude);
  amplitudeRow = sliderRow({
    name: 'I', label: 'I', unit: unit, min, max, value: amplitude,
    meaning: `amplitude of the stimulus current (${model.current_unit}): of a step, or the largest amplitude of ` +
        'a sum of components, which moving it scales as a whole',
    onInput: (value) => (parseStep(state.stimulus) ? editStep() : scaleAmplitude(value)),
  });
  $('stimulus-amplitude').replaceChildren(amplitudeRow.element);
}

// The amplitude of a sum of components changed: every current in the spec scales by the same factor.
function scaleAmplitude(value) {
  const previous = stimulusAmplitude(state.stimulus);
  if (!previous) {  // nothing to scale from zero
    amplitudeRow.set(0);
    return;
  }
  state.stimulus = scaleStimulus(state.stimulus, value / previous);
  $('stimulus-spec').value = state.stimulus;
  changed();
}

// The step editor changed: the stimulus becomes that step.
function editStep() {
  const previous = parseStep(state.stimulus);
  const duration = $('duration').value === '' ? Infinity : Number($('duration').value);
  state.stimulus = formatStep({
    amplitude: Number(amplitudeRow.box.value),
    onset: Number($('onset').value || 0),
    duration,
    edges: previous?.edges,
  });
  $('stimulus-spec').value = state.stimulus;
  changed();
}

// The stimulus on the controls: a step or constant on the step editor; any other spec as text, its amplitude
// on the amplitude control (which then scales it) and no onset or duration.
function showStep() {
  const step = parseStep(state.stimulus);
  const editable = step !== null;
  const amplitude = amplitudeOf(state.stimulus);
  $('stimulus-spec').value = state.stimulus;
  $('stimulus-spec').classList.toggle('custom', !editable);
  amplitudeRow.enable(amplitude !== null);
  if (amplitude !== null) amplitudeRow.set(amplitude);
  for (const id of ['onset', 'duration']) $(id).disabled = !editable;
  $('onset').value = editable ? step.onset : '';
  $('duration').value = editable && Number.isFinite(step.duration) ? step.duration : '';
  $('stimulus-note').textContent = editable ? '' : amplitude === null ? 'No amplitude to set here: edit the spec.'
      : 'A sum of components: I is the largest amplitude, and moving it scales them all. Edit the spec for the rest.';
}

function showState() {
  $('model').value = state.model;
  $('preset').value = state.preset ?? '';
  const preset = presetNamed(state.preset ?? '');
  $('preset-description').textContent = preset ? `${preset.description}. ${preset.source}` : modelNamed(state.model).citation;
  for (const [name, row] of Object.entries(parameterRows)) row.set(state.params[name]);
  showStep();
  $('t-end').value = state.t_end;
  $('method').value = state.method;
  $('dt').value = state.dt;
  $('compare-on').checked = state.compare.on;
  $('compare-method').value = state.compare.method;
  $('compare-dt').value = state.compare.dt;
  $('compare-fields').classList.toggle('disabled', !state.compare.on);
}

function numberFrom(id, onValue) {
  $(id).addEventListener('input', () => {
    const value = Number($(id).value);
    if ($(id).value === '' || !Number.isFinite(value)) return;
    onValue(value);
    changed();
  });
}

function wireControls() {
  $('model').addEventListener('change', () => {
    state = {...state, ...modelProblem(modelNamed($('model').value))};
    buildModelControls();
    showState();
    changed();
  });
  $('preset').addEventListener('change', () => {
    const preset = presetNamed($('preset').value);
    state = preset ? {...state, ...presetProblem(preset)} : {...state, preset: undefined};
    buildModelControls();
    showState();
    changed();
  });
  $('reset-parameters').addEventListener('click', () => {
    const preset = presetNamed(state.preset ?? '');
    state.params = preset ? presetProblem(preset).params : modelDefaults(modelNamed(state.model));
    showState();
    changed();
  });
  $('onset').addEventListener('input', editStep);
  $('duration').addEventListener('input', editStep);
  $('stimulus-spec').addEventListener('change', () => {
    state.stimulus = $('stimulus-spec').value.trim();
    showStep();
    changed();
  });
  numberFrom('t-end', (value) => { state.t_end = value; });
  numberFrom('dt', (value) => { state.dt = value; });
  numberFrom('compare-dt', (value) => { state.compare.dt = value; });
  $('method').addEventListener('change', () => {
    state.method = $('method').value;
    const published = presetNamed(state.preset ?? '')?.published_dt;
    if (state.method === 'izhikevich-published' && published) state.dt = published;
    showState();
    changed();
  });
  $('compare-method').addEventListener('change', () => {
    state.compare.method = $('compare-method').value;
    changed();
  });
  $('compare-on').addEventListener('change', () => {
    state.compare.on = $('compare-on').checked;
    showState();
    changed();
  });
  $('share').addEventListener('click', async () => {
    await navigator.clipboard?.writeText(location.href).catch(() => {});
    flash($('share'), 'Link copied');
  });
  $('download').addEventListener('click', () => {
    if (lastAnswer) download(`neurodyn-${state.preset ?? state.model}-shown.csv`, answerToCsv(lastAnswer, 'shown'));
  });
  $('download-full').addEventListener('click', downloadFullResolution);
  window.addEventListener('hashchange', () => {
    if (location.hash === writeState(state)) return;
    state = initialState();
    buildModelControls();
    showState();
    changed();
  });
}

// The run on screen again with every sample the server computed (up to its limit), as CSV.
async function downloadFullResolution() {
  const button = $('download-full');
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Computing…';
  try {
    const response = await fetch('api/simulate', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({...requestBody(), samples: 'all'}),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
    download(`neurodyn-${state.preset ?? state.model}-full.csv`, answerToCsv(answer, 'full'));
  } catch (error) {
    showMessage(`Full-resolution CSV: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

function flash(button, text) {
  const original = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = original; }, 1200);
}

// ---- results ----

const format = (value, digits) => (value === null || value === undefined ? '–' : value.toFixed(digits));

function showMessage(text, kind) {
  const message = $('message');
  message.hidden = !text;
  message.textContent = text ?? '';
  message.className = `message ${kind ?? ''}`;
}

function runLabel(run) { return `${run.run.method.name}, dt ${run.run.method.dt} ms`; }

function showReadouts(answer) {
  const statistics = answer.statistics;
  $('spike-count').textContent = `${answer.spikes.length}${answer.spikes_truncated ? '+' : ''}`;
  $('spike-detail').textContent = statistics ? `${statistics.spike_count} in the response (from the stimulus onset)` : answer.status;
  $('rate').textContent = statistics ? `${format(statistics.rate_hz, 1)} Hz` : '–';
  $('isi-cv').textContent = format(statistics?.isi_cv, 3);
  $('mean-isi').textContent = statistics?.mean_isi_ms ? `mean ISI ${format(statistics.mean_isi_ms, 2)} ms` : '';
  $('pattern').textContent = statistics?.firing_pattern ?? '–';
  $('pattern-reason').textContent = statistics?.firing_pattern_reason ?? '';
  $('legend-main').textContent = runLabel(answer);

  const compare = answer.compare;
  document.querySelector('.compare-readout').classList.toggle('off', !compare);
  $('legend-compare').textContent = compare ? runLabel(compare) : 'no second method';
  if (compare) {
    const difference = compare.difference;
    const shift = difference.max_spike_shift_ms;
    $('compare-count').textContent = `${compare.spikes.length} spikes`;
    $('compare-detail').textContent = `${difference.spike_count >= 0 ? '+' : ''}${difference.spike_count} spikes` +
        (shift === null ? '' : `; spikes moved by up to ${format(shift, 2)} ms`);
  } else {
    $('compare-count').textContent = 'off';
    $('compare-detail').textContent = '';
  }
  $('elapsed').textContent = `${format(answer.elapsed_ms, 1)} ms`;
  $('work').textContent = `${answer.solver.steps.toLocaleString()} steps; ` +
      `${answer.trace.t.length.toLocaleString()}/${answer.trace.computed_samples.toLocaleString()} samples drawn`;
  const plane = answer.phase_plane;
  $('phase-note').textContent = !plane ? `none for a model with ${answer.variables.length} state variable(s)`
      : plane.reduction ? `in the plane of ${plane.reduction}; the run is projected` : '';
  $('recovery-note').textContent = answer.variables.length > 1 ? '' : 'none: the model has only v';
}

function showRunStatus(answer) {
  const problems = [];
  if (answer.status !== 'ok') problems.push(`${runLabel(answer)} stopped: ${answer.status}: ${answer.message}`);
  if (answer.compare && answer.compare.status !== 'ok') {
    problems.push(`Second method (${runLabel(answer.compare)}) stopped: ${answer.compare.status}: ${answer.compare.message}`);
  }
  showMessage(problems.join('\n') || null, 'warning');
}

let drawnFor = null;
const plots = new ExplorerPlots(
    {voltage: $('plot-voltage'), input: $('plot-input'), recovery: $('plot-recovery'), phase: $('plot-phase'),
     recoveryLegend: $('recovery-legend'), phaseLegend: $('phase-legend')},
    () => {
      if (!drawnFor) return;
      document.dispatchEvent(new CustomEvent('explorer:redraw', {detail: {...drawnFor, drawnAt: performance.now()}}));
    });

const simulator = new Simulator({
  onAnswer: (answer, request) => {
    lastAnswer = answer;
    drawnFor = request;
    showRunStatus(answer);
    showReadouts(answer);
    plots.update(answer);
    document.body.dataset.answered = String(request.seq);
  },
  onError: (message, request) => {
    showMessage(message, 'error');
    document.body.dataset.answered = String(request.seq);
  },
});

function changed() {
  history.replaceState(null, '', writeState(state));
  simulator.request(requestBody());
  document.body.dataset.requested = String(simulator.issued);
}

buildPickers();
state = initialState();
buildModelControls();
showState();
wireControls();
changed();
