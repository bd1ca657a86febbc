/**
 * The rules the kit checks, each with the line of Baton's REQUIREMENTS (§1 "Every propagator",
 * §9 for the fuzzed round trip) that it enforces. A failure message quotes the line, so whoever
 * reads it knows which promise the propagator broke without opening the spec.
 */
export const RULES = {
  'extract-hostile-carriers': {
    title: 'extract never throws and returns the input context for hostile carriers',
    requirement:
      'Extract never throws, for any carrier: undefined/null, non-string values, arrays, Buffers, ' +
      '1 MB strings, lone UTF-16 surrogates, a getter that throws. It returns the input context ' +
      'unchanged when nothing valid is found (OTEL-PROP §Extract).',
  },
  'extract-fuzz': {
    title: 'extract of fuzzed carriers never throws and yields only valid remote span contexts',
    requirement:
      'An extracted SpanContext has `isRemote: true`; ids are lowercase hex, 32 / 16 chars, not all zero.',
  },
  'malformed-keeps-valid': {
    title: 'a malformed value never replaces a valid context',
    requirement:
      'Extract of a malformed value never replaces a valid SpanContext or Baggage already in the context.',
  },
  'fields-exact': {
    title: 'fields() lists exactly what inject writes',
    requirement:
      '`fields()` returns exactly the fixed keys inject can write, lowercase, no duplicates.',
  },
  'inject-safe': {
    title: 'inject never throws and writes only token names and legal US-ASCII values',
    requirement:
      'Inject never throws (lone surrogates in baggage included: drop that entry) and writes only ' +
      'US-ASCII values legal in an HTTP field — no CR, LF, NUL, no non-token header names.',
  },
  'inject-invalid-span': {
    title: 'inject of an invalid span context writes nothing',
    requirement: 'Inject with no valid span context writes no trace headers.',
  },
  'inject-suppressed': {
    title: 'inject honours suppressTracing',
    requirement:
      "Honour `suppressTracing` (`Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING')`): " +
      'nothing injected, baggage included.',
  },
  'round-trip': {
    title: 'inject∘extract round-trips',
    requirement:
      '1,000,000 fuzzed carriers per propagator: no throw, every extracted id valid, inject∘extract round-trips.',
  },
  'bounded-work': {
    title: 'work is bounded for 1 MB of input',
    requirement:
      'Work per call is bounded and linear: no backtracking regex; per-format caps (below) applied before work.',
  },
  vectors: {
    title: 'format-specific vectors',
    requirement: 'The vectors supplied for this format (each quotes its own source).',
  },
} as const;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];
