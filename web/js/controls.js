// Form controls generated from the catalogs: pickers, and one slider row per parameter from the model's
// table (range, unit, meaning). A slider row is a range input and a number box kept in step.

const sliderPositions = 1000;

// Positive ranges spanning three decades or more (capacitances, time constants) slide on a log scale.
function isLogRange(min, max) { return min > 0 && max / min >= 1000; }

function roundTo(value, significant) { return Number(value.toPrecision(significant)); }

function sliderScale(min, max) {
  if (isLogRange(min, max)) {
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

function formatValue(value) { return String(roundTo(value, 6)); }

// A labelled slider + number box for one value. onInput(value) is called on every change by the user.
export function sliderRow({name, label, unit, min, max, value, meaning, onInput}) {
  const row = document.createElement('div');
  row.className = 'slider-row';
  row.dataset.name = name;
  row.title = `${meaning}\nrange ${min} to ${max}${unit ? ' ' + unit : ''}`;

  const caption = document.createElement('label');
  caption.className = 'slider-label';
  caption.innerHTML = `<span class="name"></span> <span class="unit"></span>`;
  caption.querySelector('.name').textContent = label ?? name;
  caption.querySelector('.unit').textContent = unit ?? '';

  const scale = sliderScale(min, max);
  const slider = document.createElement('input');
  slider.type = 'range';
  Object.assign(slider, scale.attributes);
  slider.setAttribute('aria-label', label ?? name);

  const box = document.createElement('input');
  box.type = 'number';
  box.step = 'any';
  box.min = min;
  box.max = max;
  box.setAttribute('aria-label', `${label ?? name} value`);

  const set = (newValue) => {
    slider.value = scale.toSlider(newValue);
    box.value = formatValue(newValue);
  };
  slider.addEventListener('input', () => {
    const newValue = scale.fromSlider(Number(slider.value));
    box.value = formatValue(newValue);
    onInput(newValue);
  });
  box.addEventListener('input', () => {
    const newValue = Number(box.value);
    if (box.value === '' || !Number.isFinite(newValue)) return;
    slider.value = scale.toSlider(newValue);
    onInput(newValue);
  });
  set(value);
  row.append(caption, slider, box);
  return {element: row, set, slider, box};
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
