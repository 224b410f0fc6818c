// A run's traces and spikes as one CSV file: a '#' header with the effective configuration (as `neurodyn
// simulate` writes it) and which samples the rows are, then one row per sample of each run (column `run`: main
// or compare). The samples are those drawn on screen (the min/max envelope of v, two per pixel) or, from an
// answer asked with "samples": "all", every sample the server computed up to its limit.

function columnName(variable) {
  return variable.unit ? `${variable.name}_${variable.unit.replace(/[^A-Za-z0-9]+/g, '')}` : variable.name;
}

function runRows(label, run) {
  const {t, x, I} = run.trace;
  const rows = [];
  for (let i = 0; i < t.length; ++i) rows.push([label, t[i], ...x.map((column) => column[i]), I[i]].join(','));
  return rows;
}

function describe(label, run) {
  const method = run.run.method;
  const {t, computed_samples: computed, decimated} = run.trace;
  return `# ${label}: method ${method.name}, dt ${method.dt} ms, status ${run.status}; ` +
      `${t.length} of ${computed} samples${decimated ? ' (thinned: the min/max envelope of v)' : ''}; ` +
      `spikes (ms): ${run.spikes.join(' ')}`;
}

// What the rows are. kind: 'shown' (the answer drawn on screen) or 'full' (asked with "samples": "all").
function exportKind(answer, kind) {
  const thinned = answer.trace.decimated || Boolean(answer.compare?.trace.decimated);
  if (kind === 'full') {
    return `full resolution: every sample the server computed${thinned ? ', but thinned at its limit (below)' : ''}`;
  }
  return `the samples drawn on screen${thinned ? ' (the min/max envelope of v, about two per pixel), not the full run'
                                               : ' (here every computed sample)'}`;
}

export function answerToCsv(answer, kind) {
  const header = [`# neurodyn explorer export: ${exportKind(answer, kind)}`,
                  ...answer.config_toml.trimEnd().split('\n').map((line) => `# ${line}`), describe('main', answer)];
  if (answer.compare) header.push(describe('compare', answer.compare));
  const current = answer.current_unit.split(' ')[0].replace(/[^A-Za-z0-9]+/g, '');
  const columns = ['run', 'time_ms', ...answer.variables.map(columnName), current ? `I_${current}` : 'I'];
  const rows = runRows('main', answer);
  if (answer.compare) rows.push(...runRows('compare', answer.compare));
  return [...header, columns.join(','), ...rows].join('\n') + '\n';
}

export function download(filename, text) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {type: 'text/csv'}));
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
