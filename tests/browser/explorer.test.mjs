// The live explorer in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the page loads and
// simulates, Hodgkin-Huxley gets the plane of its reduction, a slider changes the spike count and the plot, a preset
// switch changes the firing class, a shared URL gives the same view, the CSV holds what is shown, and bad input is
// reported on the page; at 1400 px no readout is cut, the I axis has several ticks, the phase plane's legend names
// every curve and point, wide ranges get a log slider or a number box, a composite stimulus shows its amplitude, and
// the full-resolution CSV holds every computed sample. Prints the slider-to-redraw latency (measured, not asserted)
// and saves screenshots to $NEURODYN_ARTIFACTS/ (default: artifacts/ beside the binary): explorer.png and one per
// check of the layout.
//
//   NEURODYN_BIN=build/ci/neurodyn node --test tests/browser/
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {fileURLToPath} from 'node:url';

import {chromium} from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = path.resolve(root, process.env.NEURODYN_BIN ?? 'build/ci/neurodyn');
const artifacts = path.resolve(root, process.env.NEURODYN_ARTIFACTS ?? path.join(path.dirname(binary), 'artifacts'));
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                       '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let baseUrl;
let context;
let userDataDir;

// Starts `neurodyn serve --port 0` and resolves with the address it prints.
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--port', '0'], {stdio: ['ignore', 'pipe', 'inherit']});
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`no address from ${binary} serve within 20 s: ${printed}`)), 20000);
    child.on('error', (error) => reject(new Error(`cannot run ${binary}: ${error.message}`)));
    child.on('exit', (code) => reject(new Error(`${binary} serve exited with ${code}: ${printed}`)));
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const address = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed);
      if (address) {
        clearTimeout(timer);
        resolve({child, url: address[0]});
      }
    });
  });
}

before(async () => {
  ({child: server, url: baseUrl} = await startServer());
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'neurodyn-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    viewport: {width: 1440, height: 1000},
    acceptDownloads: true,
  });
});

after(async () => {
  await context?.close();
  server?.kill();
  if (userDataDir) rmSync(userDataDir, {recursive: true, force: true});
});

// A page whose script errors fail the test that opened it; `width`: of the viewport, in CSS pixels.
async function openPage(hash = '', {width} = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  if (width) await page.setViewportSize({width, height: 1000});
  await page.goto(baseUrl + hash);
  await settled(page);
  return page;
}

// Waits until every simulation the page asked for has been answered and drawn.
async function settled(page) {
  await page.waitForFunction(() => {
    const {requested, answered} = document.body.dataset;
    return requested !== undefined && requested === answered;
  }, null, {timeout: 20000});
}

async function readouts(page) {
  return page.evaluate(() => ({
    spikes: Number(document.getElementById('spike-count').textContent),
    rate: document.getElementById('rate').textContent,
    pattern: document.getElementById('pattern').textContent,
    message: document.getElementById('message').hidden ? '' : document.getElementById('message').textContent,
  }));
}

// Sets a slider as a user's drag does (an input event) and resolves with the milliseconds from that event
// until the v(t) plot's redraw hook fired for the answer it asked for.
function moveSliderAndTimeRedraw(page, selector, value) {
  return page.evaluate(({selector, value}) => new Promise((resolve) => {
    const slider = document.querySelector(selector);
    const started = performance.now();
    document.addEventListener('explorer:redraw', function onRedraw(event) {
      if (event.detail.requestedAt < started) return;
      document.removeEventListener('explorer:redraw', onRedraw);
      resolve(event.detail.drawnAt - started);
    });
    slider.value = String(value);
    slider.dispatchEvent(new Event('input', {bubbles: true}));
  }), {selector, value});
}

const amplitudeSlider = '#stimulus-amplitude input[type=range]';

// Saves a screenshot of a page or of one element to the artifacts.
async function saveScreenshot(target, name) {
  mkdirSync(artifacts, {recursive: true});
  await target.screenshot({path: path.join(artifacts, name)});
}

// The elements matching `selector` whose content is wider or taller than their box: text that is cut.
function cutElements(page, selector) {
  return page.locator(selector).evaluateAll((elements) => elements
      .filter((element) => element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight)
      .map((element) => `${element.id || element.className}: "${element.textContent || element.value}" ` +
                        `${element.scrollWidth}x${element.scrollHeight} in ` +
                        `${element.clientWidth}x${element.clientHeight}`));
}

// The rows of a CSV text that are not '#' lines, the column names first.
const csvRows = (text) => text.trimEnd().split('\n').filter((line) => !line.startsWith('#'));

test('the page loads, simulates tonic spiking and draws every plot', async () => {
  const page = await openPage('#preset=izh2004-A');
  const shown = await readouts(page);
  // 2004 figure 1, panel A: 5 spikes in 100 ms (docs/reference.md 1.2), tonic spiking.
  assert.equal(shown.spikes, 5);
  assert.equal(shown.pattern, 'tonic spiking');
  assert.equal(shown.message, '');
  assert.equal(await page.locator('.plot canvas').count(), 4);
  const sliders = await page.locator('#parameters .slider-row').evaluateAll((rows) => rows.map((row) => row.dataset.name));
  assert.deepEqual(sliders.slice(0, 4), ['a', 'b', 'c', 'd']);
  assert.equal(await page.inputValue('#parameters [data-name=d] input[type=number]'), '6');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Hodgkin-Huxley is drawn in the (v, n) plane of its reduction', async () => {
  const page = await openPage('#preset=hh-squid');
  // The overlay's default, Euler at 1 ms, blows up on the squid axon, and the page says so.
  assert.match((await readouts(page)).message, /^Second method \(euler, dt 1 ms\) stopped: unstable/);
  assert.equal(await page.locator('.plot canvas').count(), 4);
  assert.equal(await page.textContent('#second-nullcline'), 'n-nullcline');
  assert.match(await page.textContent('#phase-note'), /in the plane of hh-reduced: m = m_inf\(v\), h = 0.8 - n/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('moving the current slider changes the spike count and the plot', async () => {
  const page = await openPage('#preset=izh2004-A');
  const before = await readouts(page);
  const plotBefore = await page.locator('#plot-voltage').screenshot();

  const latencies = [];
  for (const amplitude of [20, 25, 30, 35, 40, 30, 25, 20, 30]) {
    latencies.push(await moveSliderAndTimeRedraw(page, amplitudeSlider, amplitude));
  }
  await settled(page);
  const after = await readouts(page);
  assert.ok(after.spikes > before.spikes, `spikes ${before.spikes} -> ${after.spikes} for I 14 -> 30`);
  assert.notDeepEqual(await page.locator('#plot-voltage').screenshot(), plotBefore);
  assert.match(decodeURIComponent(page.url()), /stimulus=step:amp=30,start=10/);

  latencies.sort((x, y) => x - y);
  const median = latencies[Math.floor(latencies.length / 2)];
  console.log(`slider-to-redraw latency over ${latencies.length} moves: median ${median.toFixed(1)} ms, ` +
              `max ${latencies.at(-1).toFixed(1)} ms`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('switching from tonic spiking to chattering changes the firing class and the trace', async () => {
  const page = await openPage('#preset=izh2004-A');
  const tonic = await readouts(page);
  const traceBefore = await page.locator('#plot-voltage').screenshot();
  await page.selectOption('#preset', 'izh2003-CH');
  await settled(page);
  const chattering = await readouts(page);
  assert.equal(tonic.pattern, 'tonic spiking');
  assert.equal(chattering.pattern, 'tonic bursting');
  assert.notEqual(chattering.spikes, tonic.spikes);
  assert.notDeepEqual(await page.locator('#plot-voltage').screenshot(), traceBefore);
  // The preset's parameters are on the sliders (2003 figure 2, CH: c = -50, d = 2).
  assert.equal(await page.inputValue('#parameters [data-name=c] input[type=number]'), '-50');
  assert.equal(await page.inputValue('#parameters [data-name=d] input[type=number]'), '2');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a shared URL and a reload give the same view', async () => {
  const page = await openPage('#preset=izh2003-CH');
  await moveSliderAndTimeRedraw(page, '#parameters [data-name=d] input[type=range]', 4);
  await page.fill('#dt', '0.02');
  await page.selectOption('#compare-method', 'heun');
  await settled(page);
  const shared = page.url();
  const original = await readouts(page);

  const other = await openPage(shared.slice(baseUrl.length));
  assert.deepEqual(await readouts(other), original);
  assert.equal(await other.inputValue('#parameters [data-name=d] input[type=number]'), '4');
  assert.equal(await other.inputValue('#dt'), '0.02');
  assert.equal(await other.inputValue('#compare-method'), 'heun');
  assert.equal(await other.inputValue('#preset'), 'izh2003-CH');

  await other.reload();
  await settled(other);
  assert.deepEqual(await readouts(other), original);
  assert.equal(other.url(), shared);
  assert.deepEqual([...page.errors, ...other.errors], []);

  mkdirSync(artifacts, {recursive: true});
  await other.screenshot({path: path.join(artifacts, 'explorer.png'), fullPage: true});
  await page.close();
  await other.close();
});

test('the CSV download holds the traces and spikes on screen', async () => {
  const page = await openPage('#preset=izh2004-A');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const answer = await page.evaluate(async () => {
    const response = await fetch('api/simulate', {method: 'POST', body: JSON.stringify({preset: 'izh2004-A'})});
    return response.json();
  });
  const lines = csv.trimEnd().split('\n');
  assert.ok(lines.some((line) => line === '# preset = "izh2004-A"'), 'the effective configuration in the header');
  const header = lines.find((line) => !line.startsWith('#'));
  assert.equal(header, 'run,time_ms,v_mV,u_mVms,I_mVms');
  const mainRows = lines.filter((line) => line.startsWith('main,'));
  const compareRows = lines.filter((line) => line.startsWith('compare,'));
  assert.ok(mainRows.length > 100);
  assert.ok(compareRows.length > 50);
  // The spikes listed are those of the run: the same problem asked again gives the same spikes.
  const listed = lines.find((line) => line.startsWith('# main:')).split('spikes (ms): ')[1].split(' ').map(Number);
  assert.deepEqual(listed, answer.spikes);
  await page.close();
});

test('invalid input is reported on the page and the page recovers', async () => {
  const page = await openPage('#preset=izh2004-A');
  await page.fill('#stimulus-spec', 'file:/etc/passwd');
  await page.press('#stimulus-spec', 'Enter');
  await settled(page);
  assert.match((await readouts(page)).message, /reads a file/);

  await page.fill('#stimulus-spec', 'step:amp=14,start=10');
  await page.press('#stimulus-spec', 'Enter');
  await page.fill('#parameters [data-name=a] input[type=number]', '5');
  await settled(page);
  assert.match((await readouts(page)).message, /a = 5 is out of range; allowed: \[-1, 2\]/);

  await page.fill('#parameters [data-name=a] input[type=number]', '0.02');
  await settled(page);
  const recovered = await readouts(page);
  assert.equal(recovered.message, '');
  assert.equal(recovered.spikes, 5);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('at 1400 px every readout card shows its numbers whole', async () => {
  for (const preset of ['izh2004-T', 'izh2007-RS', 'hh-squid']) {
    const page = await openPage(`#preset=${preset}`, {width: 1400});
    assert.match(await page.textContent('#compare-detail'), /spikes/);
    assert.deepEqual(await cutElements(page, '.readout, .readout .value, .readout .detail'), [], preset);
    await saveScreenshot(page.locator('.readouts'), `readouts-${preset}.png`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('the I axis has several round ticks', async () => {
  const expectedTicks = [['izh2004-A', '0 5 10'], ['izh2004-T', '0 20 40 60 80'], ['izh2007-RS', '0 20 40 60'],
                         ['hh-squid', '0 5 10']];
  for (const [preset, expected] of expectedTicks) {
    const page = await openPage(`#preset=${preset}`, {width: 1400});
    const ticks = await page.locator('#plot-input .uplot').getAttribute('data-y-ticks');
    assert.equal(ticks, expected, preset);
    assert.ok(ticks.split(' ').length > 2);
    await saveScreenshot(page.locator('#plot-input'), `input-axis-${preset}.png`);
    await page.close();
  }
});

test('the phase plane legend names the nullclines and fixed points before the stimulus', async () => {
  const page = await openPage('#preset=izh2004-A', {width: 1400});
  const legend = Object.fromEntries(await page.locator('#phase-legend .legend-item').evaluateAll((items) =>
    items.map((item) => [item.dataset.key, item.textContent])));
  assert.deepEqual(Object.keys(legend),
                   ['v-nullcline', 'second-nullcline', 'nullclines-before', 'fixed-points', 'fixed-points-before']);
  assert.equal(legend['second-nullcline'], 'u-nullcline at I = 14 mV/ms (during the stimulus)');
  assert.equal(legend['nullclines-before'], 'at I = 0 mV/ms (before the stimulus)');
  assert.equal(legend['fixed-points'], 'fixed points: stable, unstable');
  assert.equal(legend['fixed-points-before'], 'fixed points at I = 0 mV/ms');
  assert.equal(await page.locator('#phase-legend .swatch.dashed').count(), 2);
  assert.equal(await page.locator('#phase-legend .dot.before').count(), 2);
  await saveScreenshot(page.locator('#plot-phase').locator('xpath=..'), 'phase-legend.png');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a range over decades gets a log slider, one from zero to 1e9 a number box, and no box is cut', async () => {
  const page = await openPage('#preset=izh2007-RS', {width: 1400});
  const scales = Object.fromEntries(await page.locator('#parameters .slider-row').evaluateAll((rows) =>
    rows.map((row) => [row.dataset.name, row.dataset.scale])));
  assert.equal(scales.C, 'log');   // 1 to 10000 pF
  assert.equal(scales.k, 'log');   // 0.01 to 10 nS/mV
  assert.equal(scales.vr, 'linear');
  assert.equal(scales.u_max, 'box');  // 0 to 1e9 pA
  assert.equal(scales.b_switch_v, 'box');  // -100 to 1e9 mV
  // The middle of the log slider is the geometric mean of its range: 100 pF.
  await moveSliderAndTimeRedraw(page, '#parameters [data-name=C] input[type=range]', 500);
  assert.equal(await page.inputValue('#parameters [data-name=C] input[type=number]'), '100');
  await moveSliderAndTimeRedraw(page, '#parameters [data-name=C] input[type=range]', 750);
  assert.equal(await page.inputValue('#parameters [data-name=C] input[type=number]'), '1000');
  assert.equal(await page.locator('#parameters [data-name=u_max] input[type=range]').count(), 0);
  assert.equal(await page.inputValue('#parameters [data-name=u_max] input[type=number]'), '1e9');
  await page.fill('#parameters [data-name=u_max] input[type=number]', '500');
  await settled(page);
  assert.match(page.url(), /p\.u_max=500(&|$)/);
  const boxes = '#parameters input[type=number], #stimulus-amplitude input[type=number]';
  assert.deepEqual(await cutElements(page, boxes), []);
  await page.locator('#parameters').scrollIntoViewIfNeeded();
  await saveScreenshot(page.locator('#parameters'), 'parameters-izh2007.png');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the amplitude control shows the stimulus of a preset with a sum of components, and scales it', async () => {
  const page = await openPage('#preset=izh2004-T', {width: 1400});
  // const:amp=80+step:amp=-5,start=50,stop=250: 80 before and after the step down to 75
  assert.equal(await page.inputValue('#stimulus-amplitude input[type=number]'), '80');
  assert.ok(await page.isDisabled('#onset'));
  assert.match(await page.textContent('#stimulus-note'), /scales them all/);
  await saveScreenshot(page.locator('.controls section').nth(1), 'stimulus-izh2004-T.png');
  await moveSliderAndTimeRedraw(page, amplitudeSlider, 90);
  assert.equal(await page.inputValue('#stimulus-spec'), 'const:amp=90+step:amp=-5.625,start=50,stop=250,edges=closed');
  // Back to a single step: the step editor again.
  const single = await openPage('#preset=izh2004-A');
  assert.equal(await single.inputValue('#stimulus-amplitude input[type=number]'), '14');
  assert.equal(await single.inputValue('#onset'), '10');
  assert.equal(await single.textContent('#stimulus-note'), '');
  assert.deepEqual([...page.errors, ...single.errors], []);
  await page.close();
  await single.close();
});

test('the CSV at full resolution holds every computed sample, and each CSV says which it is', async () => {
  const page = await openPage('#preset=izh2004-A', {width: 1400});
  const downloaded = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return {name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8')};
  };
  const shown = await downloaded('#download');
  const full = await downloaded('#download-full');
  const answer = await page.evaluate(async () => {
    const body = {preset: 'izh2004-A', method: 'rk4', dt: 0.01, compare: {method: 'euler', dt: 1}};
    return (await fetch('api/simulate', {method: 'POST', body: JSON.stringify(body)})).json();
  });
  assert.equal(shown.name, 'neurodyn-izh2004-A-shown.csv');
  assert.equal(full.name, 'neurodyn-izh2004-A-full.csv');
  assert.match(shown.text.split('\n')[0], /the samples drawn on screen .* not the full run/);
  assert.match(full.text.split('\n')[0], /full resolution: every sample the server computed/);
  const rows = (text, run) => csvRows(text).filter((line) => line.startsWith(`${run},`)).length;
  assert.equal(rows(full.text, 'main'), answer.trace.computed_samples);
  assert.equal(rows(full.text, 'compare'), answer.compare.trace.computed_samples);
  assert.ok(rows(shown.text, 'main') < answer.trace.computed_samples);
  assert.equal(csvRows(full.text)[0], csvRows(shown.text)[0]);
  const computed = answer.trace.computed_samples;
  assert.match(full.text, new RegExp(`# main: .*; ${computed} of ${computed} samples; `));
  await saveScreenshot(page.locator('.top'), 'downloads.png');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the vendored uPlot is the one the lockfile installs', () => {
  for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) {
    assert.equal(readFileSync(path.join(root, 'web/vendor/uplot', file), 'utf8'),
                 readFileSync(path.join(root, 'node_modules/uplot/dist', file), 'utf8'), file);
  }
  assert.equal(readFileSync(path.join(root, 'web/vendor/uplot/LICENSE'), 'utf8'),
               readFileSync(path.join(root, 'node_modules/uplot/LICENSE'), 'utf8'));
});
