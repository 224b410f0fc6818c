// Form controls generated from the catalogs: pickers, and one row per parameter from the model's table (range,
// unit, meaning). A row is a slider and a number box kept in step: a linear slider, a log-scale slider for a
// positive range over three decades or more (capacitances, time constants), or a number box alone for a range
// that includes zero and is too wide for a slider (a bound of 1e9 that means "none").

const sliderPositions = 1000;
const widestSliderSpan = 1e5;     // wider ranges from zero or below get a number box alone
const boxCharacters = 9;          // a box shows at most this many characters, so that its value is never cut

// 'log', 'linear' or 'box': how a value in [min, max] is set.
export function rangeKind(min, max) {
  if (min > 0 && max / min >= 1000) return 'log';
  return max - min > widestSliderSpan ? 'box' : 'linear';
}

function roundTo(value, significant) { return Number(value.toPrecision(significant)); }

function sliderScale(kind, min, max) {
  if (kind === 'log') {
    const ratio = Math.log(max / min);
    return {
      attributes: {min: 0, max: sliderPositions, step: 1},
      toSlider: (value) => Math.log(value / min) / ratio * sliderPositions,
      fromSlider: (position) => roundTo(min * Math.exp(ratio * position / sliderPositions), 3),
    };
  }
  const step = 10 ** Math.floor(Math.log10((max - min) / sliderPositions));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return {
    attributes: {min, max, step},
    toSlider: (value) => value,
    fromSlider: (position) => Number(Number(position).toFixed(decimals)),
  };
}

// Six significant digits, or as many as fit the box in exponent form ("1e9", "-1.235e-4").
export function formatValue(value) {
  const plain = String(roundTo(value, 6));
  if (plain.length <= boxCharacters) return plain;
  for (let digits = 5; digits >= 0; --digits) {
    const exponent = roundTo(value, digits + 1).toExponential().replace('e+', 'e');
    if (exponent.length <= boxCharacters) return exponent;
  }
  return value.toExponential(0).replace('e+', 'e');
}

// A labelled slider + number box (or a number box alone) for one value. onInput(value) is called on every
// change by the user.
export function sliderRow({name, label, unit, min, max, value, meaning, onInput}) {
  const kind = rangeKind(min, max);
  const row = document.createElement('div');
  row.className = `slider-row ${kind}`;
  row.dataset.name = name;
  row.dataset.scale = kind;
  row.title = `${meaning}\nrange ${min} to ${max}${unit ? ' ' + unit : ''}` +
      (kind === 'log' ? '\nthe slider is on a log scale' : kind === 'box' ? '\ntype a value' : '');

  const caption = document.createElement('label');
  caption.className = 'slider-label';
  caption.innerHTML = `<span class="name"></span> <span class="unit"></span>`;
  caption.querySelector('.name').textContent = label ?? name;
  caption.querySelector('.unit').textContent = unit ?? '';

  const box = document.createElement('input');
  box.type = 'number';
  box.step = 'any';
  box.min = min;
  box.max = max;
  box.setAttribute('aria-label', `${label ?? name} value`);

  const scale = kind === 'box' ? null : sliderScale(kind, min, max);
  const slider = scale ? document.createElement('input') : null;
  if (slider) {
    slider.type = 'range';
    Object.assign(slider, scale.attributes);
    slider.setAttribute('aria-label', label ?? name);
    slider.addEventListener('input', () => {
      const newValue = scale.fromSlider(Number(slider.value));
      box.value = formatValue(newValue);
      onInput(newValue);
    });
  }

  const set = (newValue) => {
    if (slider) slider.value = scale.toSlider(newValue);
    box.value = formatValue(newValue);
  };
  box.addEventListener('input', () => {
    const newValue = Number(box.value);
    if (box.value === '' || !Number.isFinite(newValue)) return;
    if (slider) slider.value = scale.toSlider(newValue);
    onInput(newValue);
  });
  // Enabled or not, with a value or empty (a control that does not apply).
  const enable = (enabled) => {
    box.disabled = !enabled;
    if (slider) slider.disabled = !enabled;
    row.classList.toggle('disabled', !enabled);
    if (!enabled) box.value = '';
  };
  set(value);
  row.append(caption, ...(slider ? [slider] : []), box);
  return {element: row, set, enable, slider, box};
}

// Replaces the options of a <select>: items [{value, label}], or groups [{label, items}].
export function fillSelect(select, entries) {
  select.replaceChildren();
  for (const entry of entries) {
    if (entry.items) {
      const group = document.createElement('optgroup');
      group.label = entry.label;
      for (const item of entry.items) group.append(new Option(item.label, item.value));
      select.append(group);
    } else {
      select.append(new Option(entry.label, entry.value));
    }
  }
}
