/**
 * Copying a 3-entry Map: `new Map(map)` against the loops Baton's baggage merge could use
 * (copyMap in @baton/internal uses the keys() loop). Bytes are young-generation growth per copy.
 *
 *   node --expose-gc bench/micro/map-copy.js
 */
'use strict';
const v8 = require('node:v8');

const young = () =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
const m = new Map([
  ['userId', { value: 'a' }],
  ['serverNode', { value: 'b' }],
  ['isProduction', { value: 'c' }],
]);
const ways = {
  'new Map(map)': () => new Map(m),
  forEach: () => {
    const o = new Map();
    m.forEach((v, k) => o.set(k, v));
    return o;
  },
  'for…of entries': () => {
    const o = new Map();
    for (const [k, v] of m) o.set(k, v);
    return o;
  },
  'for…of keys() + get': () => {
    const o = new Map();
    for (const k of m.keys()) o.set(k, m.get(k));
    return o;
  },
};
let kept;
for (const [name, copy] of Object.entries(ways)) {
  for (let i = 0; i < 200000; i++) kept = copy();
  global.gc();
  const before = young();
  for (let i = 0; i < 100; i++) kept = copy();
  const bytes = (young() - before) / 100;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 2e6; i++) kept = copy();
  const ns = Number(process.hrtime.bigint() - t0) / 2e6;
  console.log(`${name}: ${bytes.toFixed(0)} B, ${ns.toFixed(1)} ns`);
}
if (kept === undefined) console.log('');
