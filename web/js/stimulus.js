// Stimulus specs (the grammar of src/stimulus/parse.hpp) as the step editor sees them: a single step or
// constant is an amplitude, an onset and a duration; anything else is edited as text.

// A '+' starts a new component only when a kind name and ':' follow it (so 1e+3 stays a number).
const componentStart = /\+(?=\s*[A-Za-z_]+\s*:)/;

function specNumber(text) {
  const trimmed = text.trim();
  if (trimmed === 'inf' || trimmed === '+inf') return Infinity;
  if (trimmed === '-inf') return -Infinity;
  return trimmed === '' ? NaN : Number(trimmed);
}

// {amplitude, onset, duration, edges} of a one-component step or const spec; null for anything else.
export function parseStep(spec) {
  const components = spec.split(componentStart);
  if (components.length !== 1) return null;
  const match = /^\s*(step|const)\s*:(.*)$/.exec(components[0]);
  if (!match) return null;
  const fields = {};
  for (const pair of match[2].split(',')) {
    const [key, value, extra] = pair.split('=');
    if (value === undefined || extra !== undefined) return null;
    fields[key.trim()] = value.trim();
  }
  const amplitude = specNumber(fields.amp ?? '');
  if (!Number.isFinite(amplitude)) return null;
  if (match[1] === 'const') return {amplitude, onset: 0, duration: Infinity, edges: 'open'};
  const onset = specNumber(fields.start ?? '');
  const stop = fields.stop === undefined ? Infinity : specNumber(fields.stop);
  if (!Number.isFinite(onset) || Number.isNaN(stop)) return null;
  return {amplitude, onset, duration: stop - onset, edges: fields.edges ?? 'open'};
}

// The spec of a step from onset for duration ms (Infinity: to the end of the run).
export function formatStep({amplitude, onset, duration, edges}) {
  let spec = `step:amp=${amplitude},start=${onset}`;
  if (Number.isFinite(duration)) spec += `,stop=${onset + duration}`;
  if (edges === 'closed') spec += ',edges=closed';
  return spec;
}

// Fields that are currents (or a current per ms): scaling them all by one factor scales I(t) as a whole.
const currentFields = new Set(['amp', 'offset', 'mean', 'sigma', 'slope']);
// Fields whose value gives the stimulus's amplitude: the largest in magnitude among the components.
const amplitudeFields = new Set(['amp', 'offset', 'mean']);
const field = /(\b[A-Za-z_]+)(\s*=\s*)((?:[^,\s+]|(?<=[eE])[-+])+)/g;  // name=value; a value may hold 1e+3

function componentFields(spec) {
  return spec.split(componentStart).flatMap((component) => {
    const colon = component.indexOf(':');
    return colon < 0 ? [] : [...component.slice(colon + 1).matchAll(field)];
  });
}

// The amplitude of any spec without a file: the amp, offset or mean of largest magnitude among its
// components (80 for const:amp=80+step:amp=-5,...); null when it has none (ramps alone, a file).
export function stimulusAmplitude(spec) {
  if (/(^|\+)\s*file\s*:/.test(spec)) return null;
  let amplitude = null;
  for (const [, name, , text] of componentFields(spec)) {
    const value = specNumber(text);
    if (!amplitudeFields.has(name) || !Number.isFinite(value)) continue;
    if (amplitude === null || Math.abs(value) > Math.abs(amplitude)) amplitude = value;
  }
  return amplitude;
}

// The spec with every current field (amp, offset, mean, sigma, slope) times `factor`: I(t) scaled as a whole.
export function scaleStimulus(spec, factor) {
  return spec.split(componentStart).map((component) => {
    const colon = component.indexOf(':');
    if (colon < 0) return component;
    const fields = component.slice(colon + 1).replace(field, (whole, name, equals, text) => {
      const value = specNumber(text);
      if (!currentFields.has(name) || !Number.isFinite(value)) return whole;
      return `${name}${equals}${Number((value * factor).toPrecision(12))}`;
    });
    return component.slice(0, colon + 1) + fields;
  }).join('+');
}
