import type { Context, TextMapPropagator } from '@opentelemetry/api';
import type { RuleId } from './rules';

/**
 * A format-specific case. Quote the spec line it checks in `name`; the kit puts the name in the
 * failure message.
 */
export interface ConformanceVector {
  name: string;
  carrier: Record<string, string | string[]>;
  /**
   * false: nothing in the carrier is valid, so extract must return its input context itself, and
   * must not replace a valid context with it. Default true.
   */
  valid?: boolean;
  /** The span context extract must produce; null: none. Omit to not check. */
  spanContext?: { traceId: string; spanId: string; sampled: boolean } | null;
  /** The baggage entries extract must produce (exactly these). Omit to not check. */
  baggage?: Record<string, string>;
  /** The headers inject writes for the extracted context (exactly these). Omit to not check. */
  injects?: Record<string, string>;
}

export interface ConformanceOptions {
  /** A name for the report and the describe block. Default: the constructor's name. */
  name?: string;
  /** Format-specific cases; valid ones also seed the inject and round-trip rules. */
  vectors?: ConformanceVector[];
  /**
   * Prefixes of header names inject writes besides fields() (Jaeger's `uberctx-`). Such keys are not
   * "fixed keys", so fields() need not list them. They are also fuzzed and filled on extract.
   */
  headerPrefixes?: string[];
  /** Only these rules (replaying one failure), or all but `skip`. */
  only?: RuleId[];
  skip?: RuleId[];
  /** fast-check: runs per fuzzed rule (default 1000), seed (default random), path (to replay). */
  numRuns?: number;
  seed?: number;
  path?: string;
  /** bounded-work: the most one extract of up to 1 MB may take, in ms (default 250). */
  workBudgetMs?: number;
}

export interface RuleResult {
  rule: RuleId;
  /** What was checked; for vectors, the vector's name. */
  title: string;
  /** The requirement line the rule enforces. */
  requirement: string;
  passed: boolean;
  /** Why it failed: one line per finding, each naming the input. */
  problems: string[];
  /** fast-check, for fuzzed rules: pass both back (with `only`) to replay the counterexample. */
  seed?: number;
  path?: string;
}

export interface ConformanceReport {
  name: string;
  passed: boolean;
  results: RuleResult[];
  /** Failures only, readable: rule, requirement, problems, replay line. */
  summary: string;
}

/** Everything a rule needs, prepared once per check. */
export interface Subject {
  propagator: TextMapPropagator;
  name: string;
  fields: string[];
  prefixes: string[];
  vectors: ConformanceVector[];
  /** Contexts extracted from the valid vectors (a debug B3 trace, a platform id...). */
  vectorContexts: Array<{ name: string; context: Context }>;
  numRuns: number;
  seed: number;
  path?: string;
  workBudgetMs: number;
}
