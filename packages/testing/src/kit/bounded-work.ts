/**
 * Bounded work: extract of up to 1 MB of hostile headers stays within a budget. This is a guard
 * against quadratic or backtracking work (which grows 1000× from 1 KB to 1 MB), not a speed test:
 * the budget is wide, and a slow step is measured three times and judged by its fastest run.
 * The input doubles from 8 KB, and a parser is stopped as soon as its time so far, scaled
 * linearly to 1 MB, is far over the budget: a quadratic parser fails in well under a second
 * instead of running for minutes (the official Jaeger takes 200 s on the 1 MB many-keys carrier).
 * Speed itself belongs in a benchmark.
 */
import { performance } from 'node:perf_hooks';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { extractFrom, headerKeys, type Headers } from './carriers';
import type { Subject } from './types';

const MB = 1024 * 1024;
const SIZES = [8, 16, 32, 64, 128, 256, 512, 1024].map((kb) => kb * 1024);
/** Times below this are too short to scale up (a GC pause or the JIT can dominate them). */
const SCALE_FROM_MS = 20;
/** How far over the budget the linear projection to 1 MB must be before failing early. */
const PROJECTION_SLACK = 4;
/** A budget never below this many times a plain pass over the same characters (slow machines). */
const REFERENCE_FACTOR = 50;

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Three shapes at `bytes`: long values, long lists, many keys (the prefixes and a plain one). */
function carriers(s: Subject, bytes: number): Array<{ name: string; carrier: Headers }> {
  const keys = headerKeys(s.fields);
  const each = (v: string): Headers => Object.fromEntries(keys.map((k) => [k, v]));
  const many: Headers = {};
  const prefixes = s.prefixes.length ? s.prefixes : ['x-baton-kit-'];
  const count = Math.floor(bytes / 64);
  for (let i = 0; i < count; i++) many[`${prefixes[i % prefixes.length]}k${i}`] = repeatTo('v', 48);
  return [
    {
      name: 'values of near-valid hex and separators',
      carrier: each(repeatTo('0af7651916cd43dd-:;', bytes)),
    },
    { name: 'list values (k=v;p=1,)', carrier: each(repeatTo('k=v;p=1,', bytes)) },
    { name: `${count} headers named ${prefixes.map((p) => `${p}*`).join(', ')}`, carrier: many },
  ];
}

/** A linear pass over every character: what reading the input once costs on this machine now. */
function referencePass(c: Headers): number {
  const t0 = performance.now();
  let sum = 0;
  for (const k of Object.keys(c)) {
    const v = c[k];
    sum += k.length;
    if (typeof v === 'string') for (let i = 0; i < v.length; i++) sum += v.charCodeAt(i);
  }
  if (sum === -1) throw new Error('unreachable'); // keeps the loop from being optimised away
  return performance.now() - t0;
}

function timeExtract(s: Subject, c: Headers): number {
  const t0 = performance.now();
  try {
    extractFrom(s.propagator, ROOT_CONTEXT, c);
  } catch {
    // extract-hostile-carriers reports throws; here only the time counts
  }
  return performance.now() - t0;
}

function fastestOf3(
  s: Subject,
  c: Headers,
  first: number,
  isSlow: (ms: number) => boolean,
): number {
  let took = first;
  for (let retry = 0; isSlow(took) && retry < 2; retry++) took = Math.min(took, timeExtract(s, c));
  return took;
}

export function boundedWork(s: Subject): string[] {
  for (const bytes of SIZES) {
    for (const { name, carrier } of carriers(s, bytes)) {
      const budget = Math.max(s.workBudgetMs, REFERENCE_FACTOR * referencePass(carrier));
      const projected = (ms: number) => (ms * MB) / bytes;
      const isSlow = (ms: number) =>
        ms > budget || (ms > SCALE_FROM_MS && projected(ms) > PROJECTION_SLACK * budget);
      const took = fastestOf3(s, carrier, timeExtract(s, carrier), isSlow);
      if (!isSlow(took)) continue;
      const what = `${Math.round(bytes / 1024)} KB of ${name}: extract took ${took.toFixed(0)} ms (fastest of 3)`;
      const why =
        took > budget
          ? `over the budget of ${budget.toFixed(0)} ms`
          : `on course for ${projected(took).toFixed(0)} ms or more at 1 MB, over ${PROJECTION_SLACK}× the budget of ${budget.toFixed(0)} ms`;
      return [`${what}, ${why}; cap the input before parsing it, and parse in one pass`];
    }
  }
  return [];
}
