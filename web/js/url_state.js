// The view's state in the URL's hash: a shared link or a reload gives the same view. Parameters are written
// in full (not as differences from defaults), so a link keeps meaning the same run.
//   #preset=izh2004-A&model=izh2003&stimulus=step:amp=14,start=10&t_end=100&method=rk4&dt=0.01
//    &compare=euler&compare_dt=1&p.a=0.02&p.b=0.2...

const parameterPrefix = 'p.';

function numberOrUndefined(text) {
  if (text === null || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function readState(hash) {
  const query = new URLSearchParams(hash.replace(/^#/, ''));
  const params = {};
  for (const [key, value] of query) {
    const number = numberOrUndefined(value);
    if (key.startsWith(parameterPrefix) && number !== undefined) params[key.slice(parameterPrefix.length)] = number;
  }
  const compare = query.get('compare');
  return {
    preset: query.get('preset') ?? undefined,
    model: query.get('model') ?? undefined,
    stimulus: query.get('stimulus') ?? undefined,
    t_end: numberOrUndefined(query.get('t_end')),
    method: query.get('method') ?? undefined,
    dt: numberOrUndefined(query.get('dt')),
    compare: compare === null ? undefined : {on: compare !== 'off', method: compare === 'off' ? undefined : compare,
                                             dt: numberOrUndefined(query.get('compare_dt'))},
    params,
  };
}

export function writeState(state) {
  const query = new URLSearchParams();
  if (state.preset) query.set('preset', state.preset);
  query.set('model', state.model);
  query.set('stimulus', state.stimulus);
  query.set('t_end', String(state.t_end));
  query.set('method', state.method);
  query.set('dt', String(state.dt));
  query.set('compare', state.compare.on ? state.compare.method : 'off');
  if (state.compare.on) query.set('compare_dt', String(state.compare.dt));
  for (const [name, value] of Object.entries(state.params)) query.set(parameterPrefix + name, String(value));
  return '#' + query.toString();
}
