/**
 * Runs one fuzzed rule with fast-check and turns a failure into a finding someone can replay:
 * the shrunk counterexample, what was wrong with it, and the seed and path to get it back.
 */
import fc from 'fast-check';
import type { RuleId } from './rules';
import type { Subject } from './types';

export interface FuzzOutcome {
  problems: string[];
  seed: number;
  path?: string;
}

/** `check` returns why the case breaks the rule, or undefined. It must not throw. */
export function fuzz<T>(
  subject: Subject,
  rule: RuleId,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => string | undefined,
  numRuns = subject.numRuns,
): FuzzOutcome {
  const details = fc.check(
    fc.property(arbitrary, (value) => check(value) === undefined),
    {
      seed: subject.seed,
      numRuns,
      ...(subject.path ? { path: subject.path } : {}),
    },
  );
  if (!details.failed || details.counterexample === null)
    return { problems: [], seed: details.seed };
  const [value] = details.counterexample;
  const why = check(value) ?? String(details.errorInstance);
  const path = details.counterexamplePath ?? undefined;
  return {
    problems: [
      `counterexample ${fc.stringify(value)}: ${why}`,
      `replay: checkConformance(propagator, { only: ['${rule}'], seed: ${details.seed}, path: '${path}' })`,
    ],
    seed: details.seed,
    ...(path ? { path } : {}),
  };
}
