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
