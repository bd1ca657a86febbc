/**
 * What the CLI needs from a format: which headers are its, how its package explains them, and
 * which propagators (Baton's, and optionally the official one) extract it. One object per format,
 * listed in ./index.ts — the one place a new format package registers.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import type { Rejection } from '@baton/internal';
import type { Carrier } from '../headers';

/** One header (or a group read together, like `x-b3-*`), as the format package explains it. */
export interface HeaderReport {
  /** The header name(s), lowercase: `traceparent`, `x-b3-traceid, x-b3-spanid`. */
  name: string;
  /** The value as sent (values of a repeated header joined with `, `). */
  value: string;
  valid: boolean;
  /** The explain API's fields (their shape is the package's, documented there). */
  fields: unknown;
  error: Rejection | undefined;
  /** The value `error.position` points into, when it is not `value` (one header of a group). */
  errorValue: string | undefined;
  /** What the value means, as [label, text] rows for people. */
  meaning: [string, string][];
  /** Remarks: what extract does with this header beyond the verdict. */
  notes: string[];
}

/** The official package's propagator for a format, when it is installed. */
export interface OfficialPropagator {
  /** The npm package it comes from, e.g. `@opentelemetry/core`. */
  package: string;
  propagator: TextMapPropagator;
}

export interface FormatExplainer {
  /** Stable id (the `OTEL_PROPAGATORS` name): `tracecontext`, `baggage`, `b3`, `jaeger`, … */
  id: string;
  /** For people: `W3C Trace Context`. */
  title: string;
  /** The `OTEL_PROPAGATORS` names that read this format. */
  readBy: string[];
  /** The name to suggest adding when no member reads it (default: the last of readBy). */
  fix?: string;
  /** True when the carrier holds any header of this format. */
  present(carrier: Carrier): boolean;
  /** Every header of this format in the carrier, explained by the format package. */
  explain(carrier: Carrier): HeaderReport[];
  /** The Baton propagator that extracts this format (with the options of `readBy[0]`). */
  propagator(): TextMapPropagator;
  /** The official propagator, or undefined when its package is not installed or there is none. */
  official(): OfficialPropagator | undefined;
  /** True when the format carries a trace (not only baggage or an id): counted for conflicts. */
  carriesTrace: boolean;
}
