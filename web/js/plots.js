// The live plots (uPlot): v(t) with spike ticks and the second method overlaid, the input I(t) under it, the
// recovery variables, and the phase plane with nullclines and fixed points. Every plot is an x-y plot
// (uPlot mode 2), so each run keeps its own time grid, and samples at the same time (a spike's peak and its
// reset) stay distinct.

const colors = {
  main: '#1b4f8a',
  compare: '#e07b00',
  input: '#5b6770',
  first: '#1f9e89',
  second: '#8e44ad',
  before: '#9aa5ad',
  axis: '#3b4248',
  grid: '#eceff1',
};
const recoveryColors = ['#1b4f8a', '#2f8f4e', '#b8442f'];
const font = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const labelFont = '600 12px system-ui, -apple-system, "Segoe UI", sans-serif';

function axis(label, extra = {}) {
  return {
    label,
    font,
    labelFont,
    labelSize: 20,
    stroke: colors.axis,
    grid: {stroke: colors.grid, width: 1},
    ticks: {stroke: colors.grid, width: 1, size: 5},
    ...extra,
  };
}

function withUnit(name, unit) { return unit && unit !== 'dimensionless' ? `${name} (${unit})` : name; }

const tidy = (value) => Number(value.toPrecision(12));

// Ticks at multiples of the largest round step (1, 2 or 5 times a power of ten) that gives at least three
// within [low, high].
export function niceTicks(low, high) {
  if (!(high > low)) return [low];
  const ticksAt = (step) => {
    const ticks = [];
    for (let k = Math.ceil(low / step); k * step <= high + 1e-9 * step; ++k) ticks.push(tidy(k * step));
    return ticks;
  };
  for (let decade = 10 ** Math.floor(Math.log10(high - low)); ; decade /= 10) {
    for (const multiple of [5, 2, 1]) {
      const ticks = ticksAt(multiple * decade);
      if (ticks.length >= 3) return ticks;
    }
  }
}

// A y axis with niceTicks, which it also writes into its plot's data-y-ticks (what is drawn, for tests).
function tickedAxis(label, extra = {}) {
  return axis(label, {
    splits: (u, axisIndex, low, high) => {
      const ticks = niceTicks(low, high);
      u.root.dataset.yTicks = ticks.join(' ');
      return ticks;
    },
    values: (u, ticks) => ticks.map((tick) => String(tidy(tick))),
    ...extra,
  });
}

// [low, high] of the finite values in arrays, widened by 5 % (or by 1 when flat).
function paddedRange(...arrays) {
  let low = Infinity, high = -Infinity;
  for (const values of arrays) {
    for (const value of values) {
      if (value === null || !Number.isFinite(value)) continue;
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  if (low > high) return [-1, 1];
  const pad = high > low ? 0.05 * (high - low) : 1;
  return [low - pad, high + pad];
}

const none = [[], []];

// Room above a range for the spike ticks (18 % of its height).
function withHeadroom([low, high]) { return [low, high + 0.18 * (high - low)]; }

function line(stroke, extra = {}) {
  return {stroke, width: 1.5, points: {show: false}, ...extra};
}

function dashed(stroke) { return line(stroke, {dash: [6, 4], width: 1.25}); }

// Straight segments between consecutive points in their own order. (uPlot's line path thins dense data by x
// pixel column, which assumes x increases: right for v(t), wrong for a trajectory in the phase plane.)
function polyline(u, seriesIndex, first, last) {
  const [xs, ys] = u.data[seriesIndex];
  const stroke = new Path2D();
  let penDown = false;
  for (let i = first; i <= last; ++i) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      penDown = false;
      continue;
    }
    const x = u.valToPos(xs[i], 'x', true), y = u.valToPos(ys[i], 'y', true);
    if (penDown) {
      stroke.lineTo(x, y);
    } else {
      stroke.moveTo(x, y);
    }
    penDown = true;
  }
  return {stroke, fill: null, clip: null, band: null, gaps: null, flags: 0};
}

function orbit(series) { return {...series, paths: polyline}; }

// The trajectory in the plane of the first two variables. For a model with a reset the path is broken at
// each spike, so that the jump from the cutoff to the reset state is not drawn as a path: between samples
// i-1 and i when a spike time s lies in [t[i-1], t[i]], unless the sample at s is the peak (v rises into it).
// The run in the phase plane: trace variables axes[0] and axes[1], broken at every reset.
function orbitData(trace, spikes, hasReset, axes) {
  const {t} = trace, v = trace.x[axes[0]], y = trace.x[axes[1]];
  const xs = [], ys = [];
  let next = 0;  // the first spike not before t[i-1]
  for (let i = 0; i < t.length; ++i) {
    if (i > 0 && hasReset) {
      while (next < spikes.length && spikes[next] < t[i - 1]) ++next;
      const spike = spikes[next];
      const jump = spike !== undefined && spike <= t[i] && !(spike === t[i] && v[i] >= v[i - 1]);
      if (jump) {
        xs.push(null);
        ys.push(null);
      }
    }
    xs.push(v[i]);
    ys.push(y[i]);
  }
  return [xs, ys];
}

// Ticks at the top of the plot area: main run's spikes in the top row, the second method's below.
function drawSpikeTicks(u, spikes, row, color) {
  const {ctx} = u;
  const top = u.bbox.top + row * 10 * devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.beginPath();
  for (const time of spikes) {
    const x = u.valToPos(time, 'x', true);
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + 8 * devicePixelRatio);
  }
  ctx.stroke();
  ctx.restore();
}

// The phase plane's legend for the curves of the answer: the nullclines (solid at the current during the
// stimulus, dashed at the current before it) and the fixed points (filled when stable, open when not; black
// during the stimulus, grey before it).
function phaseLegend(answer) {
  const plane = answer.phase_plane;
  const [x, y] = plane.axes.map((k) => answer.variables[k].name);
  const unit = answer.current_unit.split(' ')[0];
  const at = (curve) => `at I = ${tidy(curve.current)}${unit && unit !== 'dimensionless' ? ' ' + unit : ''}`;
  const during = plane.curves.find((curve) => curve.when !== 'before the stimulus');
  const before = plane.curves.find((curve) => curve.when === 'before the stimulus');
  const items = [
    ['v-nullcline', '<i class="swatch first"></i>', `${x}-nullcline`],
    ['second-nullcline', '<i class="swatch second"></i>',
     `<span id="second-nullcline">${y}-nullcline</span>${during ? ` ${at(during)} (${during.when})` : ''}`],
  ];
  if (before) {
    items.push(['nullclines-before', '<i class="swatch first dashed"></i><i class="swatch second dashed"></i>',
                `${at(before)} (${before.when})`]);
  }
  items.push(['fixed-points', '<i class="dot stable"></i><i class="dot unstable"></i>',
              'fixed points: stable, unstable']);
  if (before?.fixed_points.length) {
    items.push(['fixed-points-before', '<i class="dot stable before"></i><i class="dot unstable before"></i>',
                `fixed points ${at(before)}`]);
  }
  return items.map(([key, marks, text]) => `<span class="legend-item" data-key="${key}">${marks}${text}</span>`)
      .join('');
}

// Fixed points: filled when stable, open when not; black at the input during the stimulus, grey before it.
function drawFixedPoints(u, curves) {
  const {ctx} = u;
  const radius = 4.5 * devicePixelRatio;
  ctx.save();
  ctx.lineWidth = 1.5 * devicePixelRatio;
  for (const curve of curves) {
    const color = curve.when === 'before the stimulus' ? colors.before : '#111';
    for (const point of curve.fixed_points) {
      const x = u.valToPos(point.state[0], 'x', true);
      const y = u.valToPos(point.state[1], 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fillStyle = point.stable ? color : '#fff';
      ctx.strokeStyle = color;
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.restore();
}

export class ExplorerPlots {
  // containers: {voltage, input, recovery, phase, recoveryLegend, phaseLegend} elements; onVoltageDrawn(): called
  // after each redraw of v(t).
  constructor(containers, onVoltageDrawn) {
    this.containers = containers;
    this.onVoltageDrawn = onVoltageDrawn;
    this.plots = {};
    this.layout = null;
    this.answer = null;
    this.ranges = {};
    window.addEventListener('resize', () => this.resize());
  }

  update(answer) {
    this.answer = answer;
    const main = answer.trace;
    const other = answer.compare?.trace;
    this.ranges = {
      t: [0, answer.run.t_end],
      v: withHeadroom(paddedRange(main.x[0])),
      input: paddedRange(main.I, [0]),
      recovery: paddedRange(...main.x.slice(1)),
      phaseX: answer.phase_plane?.v_range,
      phaseY: answer.phase_plane?.y_range,
    };
    const layout = JSON.stringify([answer.variables, answer.current_unit, answer.phase_plane?.curves.length ?? 0,
                                   answer.phase_plane?.axes]);
    if (layout !== this.layout) {
      this.build(answer);
      this.layout = layout;
    }
    this.plots.voltage.setData([null, other ? [other.t, other.x[0]] : none, [main.t, main.x[0]]]);
    this.plots.input.setData([null, [main.t, main.I]]);
    if (this.plots.recovery) {
      const series = [null];
      for (let k = 1; k < main.x.length; ++k) series.push(other ? [other.t, other.x[k]] : none, [main.t, main.x[k]]);
      this.plots.recovery.setData(series);
    }
    if (this.plots.phase) {
      const axes = answer.phase_plane.axes;
      const series = [null, other ? orbitData(other, answer.compare.spikes, answer.has_reset, axes) : none,
                      orbitData(main, answer.spikes, answer.has_reset, axes)];
      for (const curve of answer.phase_plane.curves) series.push([curve.v, curve.first], [curve.v, curve.second]);
      this.plots.phase.setData(series);
      this.containers.phaseLegend.innerHTML = phaseLegend(answer);
    }
  }

  build(answer) {
    for (const plot of Object.values(this.plots)) plot.destroy();
    this.plots = {};
    const variables = answer.variables;
    const v = variables[0];
    const current = answer.current_unit.split(' ')[0];

    const common = (height, xLabel, yLabel, yRange, extra = {}) => ({
      mode: 2,
      width: 0,
      height,
      legend: {show: false},
      cursor: {points: {show: false}, drag: {x: false, y: false}},
      scales: {
        x: {time: false, range: () => this.ranges.t},
        y: {range: () => this.ranges[yRange]},
      },
      axes: [axis(xLabel), axis(yLabel, {size: 56})],
      ...extra,
    });

    const voltage = common(250, 'time (ms)', withUnit(v.name, v.unit), 'v', {
      series: [{}, line(colors.compare, {width: 1.25}), line(colors.main)],
      hooks: {
        draw: [(u) => {
          drawSpikeTicks(u, this.answer.spikes, 0, colors.main);
          if (this.answer.compare) drawSpikeTicks(u, this.answer.compare.spikes, 1, colors.compare);
          this.onVoltageDrawn();
        }],
      },
    });
    this.plots.voltage = this.create(voltage, this.containers.voltage);

    const input = common(170, 'time (ms)', withUnit('I', current), 'input', {
      series: [{}, line(colors.input, {width: 1.25, fill: 'rgba(91,103,112,0.08)'})],
    });
    input.axes[1] = tickedAxis(withUnit('I', current), {size: 56});
    this.plots.input = this.create(input, this.containers.input);

    const recovery = variables.slice(1);
    this.containers.recovery.closest('figure').classList.toggle('empty', recovery.length === 0);
    if (recovery.length > 0) {
      const units = [...new Set(recovery.map((variable) => variable.unit))];
      const yLabel = recovery.length === 1 ? withUnit(recovery[0].name, recovery[0].unit)
                                           : withUnit(recovery.map((variable) => variable.name).join(', '), units.join(', '));
      const series = [{}];
      const legend = [];
      recovery.forEach((variable, k) => {
        const color = recoveryColors[k % recoveryColors.length];
        series.push(dashed(colors.compare), line(color));
        legend.push(`<i class="swatch" style="background:${color}"></i>${variable.name}`);
      });
      this.containers.recoveryLegend.innerHTML = legend.join(' ') + ' <i class="swatch compare"></i>second method';
      this.plots.recovery = this.create(common(300, 'time (ms)', yLabel, 'recovery', {series}), this.containers.recovery);
    }

    const plane = answer.phase_plane;
    this.containers.phase.closest('figure').classList.toggle('empty', !plane);
    if (plane) {
      const series = [{}, line(colors.compare, {width: 1, alpha: 0.6}), line(colors.main, {width: 1.25})];
      for (const curve of plane.curves) {
        const before = curve.when === 'before the stimulus';
        series.push(before ? dashed(colors.first) : line(colors.first, {width: 2}),
                    before ? dashed(colors.second) : line(colors.second, {width: 2}));
      }
      series.splice(1, series.length - 1, ...series.slice(1).map(orbit));
      const y = variables[plane.axes[1]];
      const phase = common(300, withUnit(v.name, v.unit), withUnit(y.name, y.unit), 'phaseY', {
        series,
        hooks: {draw: [(u) => drawFixedPoints(u, this.answer.phase_plane.curves)]},
      });
      phase.scales.x.range = () => this.ranges.phaseX;
      this.plots.phase = this.create(phase, this.containers.phase);
    }
    this.resize();
  }

  create(options, container) {
    container.replaceChildren();
    const sizes = {width: Math.max(320, container.clientWidth), height: options.height};
    const empty = [null, ...options.series.slice(1).map(() => none)];  // mode 2 needs data from the start
    return new uPlot({...options, ...sizes}, empty, container);
  }

  resize() {
    for (const [name, plot] of Object.entries(this.plots)) {
      const container = this.containers[name];
      plot.setSize({width: Math.max(320, container.clientWidth), height: plot.height});
    }
  }
}
