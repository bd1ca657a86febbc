/**
 * checkConformance: every rule against one propagator, as a plain report (no test runner needed).
 * describeConformance (runner.ts) turns the same rules into describe/it blocks.
 */
import { ROOT_CONTEXT, type TextMapPropagator } from '@opentelemetry/api';
import { boundedWork } from './bounded-work';
import { extractFrom } from './carriers';
import { extractFuzz, extractHostileCarriers, malformedKeepsValid } from './extract-rules';
import type { FuzzOutcome } from './fuzz';
import { fieldsExact, injectInvalidSpan, injectSafe, injectSuppressed } from './inject-rules';
import { roundTrip } from './round-trip';
import { RULE_IDS, RULES, type RuleId } from './rules';
import type { ConformanceOptions, ConformanceReport, RuleResult, Subject } from './types';
import { checkVector } from './vectors';

const RUNNERS: Record<Exclude<RuleId, 'vectors'>, (s: Subject) => string[] | FuzzOutcome> = {
  'extract-hostile-carriers': extractHostileCarriers,
  'extract-fuzz': extractFuzz,
  'malformed-keeps-valid': malformedKeepsValid,
  'fields-exact': fieldsExact,
  'inject-safe': injectSafe,
  'inject-invalid-span': injectInvalidSpan,
  'inject-suppressed': injectSuppressed,
  'round-trip': roundTrip,
  'bounded-work': boundedWork,
};

/** Bad options are a configuration mistake: fail at once, saying what to change. */
function validate(propagator: unknown, options: ConformanceOptions): void {
  const p = propagator as TextMapPropagator | null;
  if (
    !p ||
    typeof p.inject !== 'function' ||
    typeof p.extract !== 'function' ||
    typeof p.fields !== 'function'
  ) {
    throw new TypeError(
      '@baton/testing: pass a TextMapPropagator (an object with inject, extract and fields)',
    );
  }
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!RULE_IDS.includes(id)) {
      throw new TypeError(
        `@baton/testing: unknown rule "${id}" in only/skip; the rules are ${RULE_IDS.join(', ')}`,
      );
    }
  }
  if (options.path !== undefined && options.seed === undefined) {
    throw new TypeError(
      '@baton/testing: a replay path needs its seed: pass both, as the failure message prints them',
    );
  }
}

export function prepare(propagator: TextMapPropagator, options: ConformanceOptions = {}): Subject {
  validate(propagator, options);
  let fields: string[] = [];
  try {
    const f: unknown = propagator.fields();
    if (Array.isArray(f)) fields = f.filter((x): x is string => typeof x === 'string');
  } catch {
    // fields-exact reports it
  }
  const vectors = options.vectors ?? [];
  const vectorContexts = [];
  for (const v of vectors) {
    if (v.valid === false) continue;
    try {
      vectorContexts.push({
        name: v.name,
        context: extractFrom(propagator, ROOT_CONTEXT, v.carrier),
      });
    } catch {
      // the vector's own rule reports it
    }
  }
  return {
    propagator,
    name: options.name ?? (propagator as object).constructor?.name ?? 'propagator',
    fields,
    prefixes: (options.headerPrefixes ?? []).map((p) => p.toLowerCase()),
    vectors,
    vectorContexts,
    numRuns: options.numRuns ?? 1000,
    seed: options.seed ?? (Math.random() * 0x7fffffff) | 0,
    ...(options.path !== undefined ? { path: options.path } : {}),
    workBudgetMs: options.workBudgetMs ?? 250,
  };
}

export function selectedRules(options: ConformanceOptions): RuleId[] {
  return RULE_IDS.filter(
    (id) => (!options.only || options.only.includes(id)) && !(options.skip ?? []).includes(id),
  );
}

/** Runs one rule; for `vectors`, one result per vector. */
export function runRule(s: Subject, rule: RuleId): RuleResult[] {
  const { title, requirement } = RULES[rule];
  if (rule === 'vectors') {
    return s.vectors.map((v) => {
      const problems = checkVector(s, v);
      return {
        rule,
        title: v.name,
        requirement: `the vector "${v.name}"`,
        passed: problems.length === 0,
        problems,
      };
    });
  }
  let out: string[] | FuzzOutcome;
  try {
    out = RUNNERS[rule](s);
  } catch (err) {
    out = [`the rule itself could not run: ${String(err)}`];
  }
  const base = { rule, title, requirement };
  if (Array.isArray(out)) return [{ ...base, passed: out.length === 0, problems: out }];
  return [
    {
      ...base,
      passed: out.problems.length === 0,
      problems: out.problems,
      seed: out.seed,
      ...(out.path ? { path: out.path } : {}),
    },
  ];
}

export function formatFailure(name: string, r: RuleResult): string {
  return [
    `${name} breaks "${r.rule}": ${r.title}`,
    `  requirement: ${r.requirement}`,
    ...r.problems.map((p) => `  - ${p}`),
  ].join('\n');
}

/** Checks `propagator` against every rule (or `only`) and returns the report; never throws for a failing propagator. */
export function checkConformance(
  propagator: TextMapPropagator,
  options: ConformanceOptions = {},
): ConformanceReport {
  const s = prepare(propagator, options);
  const results = selectedRules(options).flatMap((rule) => runRule(s, rule));
  const failed = results.filter((r) => !r.passed);
  return {
    name: s.name,
    passed: failed.length === 0,
    results,
    summary:
      failed.length === 0
        ? `${s.name}: all ${results.length} checks pass`
        : failed.map((r) => formatFailure(s.name, r)).join('\n\n'),
  };
}
