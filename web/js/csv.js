// The traces and spikes on screen as one CSV file: a '#' header with the effective configuration (as
// `neurodyn simulate` writes it), then one row per shown sample of each run (column `run`: main or compare).

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
  return `# ${label}: method ${method.name}, dt ${method.dt} ms, status ${run.status}; ` +
      `${run.trace.t.length} of ${run.trace.computed_samples} samples shown; spikes (ms): ${run.spikes.join(' ')}`;
}

export function answerToCsv(answer) {
  const header = ['# neurodyn explorer export', ...answer.config_toml.trimEnd().split('\n').map((line) => `# ${line}`),
                  describe('main', answer)];
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
