/**
 * describeConformance: the rules as describe/it blocks, for Jest, Vitest and node:test. Pass the
 * runner's own functions (`{ describe, it }` from 'vitest' or 'node:test'); without them the
 * globals Jest (and Vitest with `globals: true`) define are used. A rule runs inside its `it`, so a
 * filtered or skipped test costs nothing.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { formatFailure, prepare, runRule, selectedRules } from './check';
import { RULES } from './rules';
import type { ConformanceOptions, Subject } from './types';
import { checkVector } from './vectors';

type Block = (name: string, fn: () => void) => unknown;
export interface Runner {
  describe: Block;
  it: Block;
}

function globalRunner(): Runner | undefined {
  const g = globalThis as { describe?: Block; it?: Block; test?: Block };
  const it = g.it ?? g.test;
  return g.describe && it ? { describe: g.describe, it } : undefined;
}

export function describeConformance(
  propagator: TextMapPropagator,
  options: ConformanceOptions & Partial<Runner> = {},
): void {
  const runner =
    options.describe && options.it
      ? { describe: options.describe, it: options.it }
      : globalRunner();
  if (!runner) {
    throw new TypeError(
      "@baton/testing: no describe/it found; pass your runner's, e.g. " +
        "import { describe, it } from 'node:test'; describeConformance(p, { describe, it })",
    );
  }
  // Prepared lazily, inside the first test, so declaring the suite does no work.
  let subject: Subject | undefined;
  const get = () => (subject ??= prepare(propagator, options));
  const name = options.name ?? (propagator as object).constructor?.name ?? 'propagator';
  prepare(propagator, { ...options, vectors: [] }); // bad options fail while declaring, not per test
  runner.describe(`${name} conformance`, () => {
    for (const rule of selectedRules(options)) {
      if (rule === 'vectors') {
        for (const v of options.vectors ?? []) {
          runner.it(`vector: ${v.name}`, () => {
            const problems = checkVector(get(), v);
            if (problems.length)
              throw new Error(
                formatFailure(name, {
                  rule,
                  title: v.name,
                  requirement: `the vector "${v.name}"`,
                  passed: false,
                  problems,
                }),
              );
          });
        }
        continue;
      }
      runner.it(`${rule}: ${RULES[rule].title}`, () => {
        for (const r of runRule(get(), rule))
          if (!r.passed) throw new Error(formatFailure(name, r));
      });
    }
  });
}
