// Probe (not part of the suite): where a filter click on our map spends its time. Clicks the
// 'ligging' filter on and off CLICKS times (default 12) under the CPU profiler, then prints the
// click handler's times, the functions with the most self time, and the call tree below the
// function whose name contains FOCUS (default: the map's render). Function names need a WASM
// built with its name section (wasm-opt -g); without it they read wasm-function[N].
// Usage: node bench/profile-filter.mjs [url]   (a server on the URL, e.g. one bench/run starts)
import { openMap } from './our-map.mjs';
const url = process.argv[2] ?? 'http://127.0.0.1:3090/';
const clicks = Number(process.env.CLICKS ?? 12);
const focus = process.env.FOCUS ?? 'map_client6render';
const { browser, page } = await openMap(url);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.INTERVAL ?? 200) });
await cdp.send('Profiler.start');
const times = [];
for (let i = 0; i < clicks; i++) {
  const value = i % 2 === 0 ? 'inbreiding' : 'uitbreiding';
  times.push(await page.evaluate((v) => new Promise((r) => setTimeout(() => {
    const t = performance.now();
    document.querySelector(`input[name="ligging"][value="${v}"]`).click();
    r(performance.now() - t);
  })), value));
  await new Promise((r) => setTimeout(r, 400));
}
const { profile } = await cdp.send('Profiler.stop');
await browser.close();
console.log('click handler, ms:', times.map((t) => t.toFixed(1)).join(' '));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
const self = new Map();
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(name(byId.get(id)), (self.get(name(byId.get(id))) ?? 0) + dt);
  for (let x = id; x; x = parent.get(x)) inclusive.set(x, (inclusive.get(x) ?? 0) + dt);
});
const ms = (us) => (us / 1000 / clicks).toFixed(2).padStart(6);
console.log(`\nself time per click, ms (idle and program left out):`);
for (const [k, v] of [...self].filter(([k]) => !/^\((idle|program|root)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(ms(v), k);
const tree = (id, depth) => {
  const n = byId.get(id);
  if ((inclusive.get(id) ?? 0) < 0.05 * 1000 * clicks || depth > 5) return;
  console.log(`${ms(inclusive.get(id))} ${'  '.repeat(depth)}${name(n).slice(0, 120)}`);
  for (const c of n.children ?? []) tree(c, depth + 1);
};
for (const n of profile.nodes) if (n.callFrame.functionName.includes(focus)) { console.log(`\nbelow ${focus}, per click, ms:`); tree(n.id, 0); }
