/**
 * Constructor options, validated once at start-up. REQUIREMENTS §5: "Options as the official
 * package: customTraceHeader, customBaggageHeaderPrefix". DESIGN: bad configuration throws at
 * construction with a message that says what to change — never later, on the request path.
 */
import { headerNames, isToken, type HeaderNames } from '@baton/internal';
import {
  JAEGER_BAGGAGE_HEADER,
  UBER_BAGGAGE_HEADER_PREFIX,
  UBER_TRACE_ID_HEADER,
} from './constants';

/** Same shape as `JaegerPropagatorConfig` of `@opentelemetry/propagator-jaeger`. */
export interface JaegerPropagatorConfig {
  /** Header carrying the trace context, default `uber-trace-id`. */
  customTraceHeader?: string;
  /** Prefix of the baggage headers (`{prefix}-{key}`), default `uberctx`. */
  customBaggageHeaderPrefix?: string;
}

/** The resolved, lowercase header names a propagator instance works with. */
export interface ResolvedJaegerConfig {
  traceHeader: string;
  /** The baggage prefix including its dash, e.g. `uberctx-`. */
  baggagePrefix: string;
  /** True when the trace header is not the default one (shown by toString()). */
  customTraceHeader: boolean;
  /** Every header extract reads, for the allocation-free absent check (plainCarrierLacks). */
  headersRead: HeaderNames;
}

const KNOWN_OPTIONS = new Set(['customTraceHeader', 'customBaggageHeaderPrefix']);

/**
 * A header name option: undefined/empty → the default (the official package treats '' the same
 * way with `||`); otherwise an RFC 9110 token, lowercased so lookups and fields() are lowercase.
 */
function headerOption(value: unknown, option: string, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string') {
    throw new TypeError(
      `JaegerPropagator: ${option} must be a string (an HTTP header name), got ${typeof value}`,
    );
  }
  if (!isToken(value)) {
    throw new TypeError(
      `JaegerPropagator: ${option} ${JSON.stringify(value)} is not a valid HTTP header name; ` +
        `use letters, digits and - _ . ! # $ % & ' * + ^ \` | ~ only (no spaces or colons)`,
    );
  }
  return value.toLowerCase();
}

export function resolveConfig(
  config?: string | JaegerPropagatorConfig | null,
): ResolvedJaegerConfig {
  let traceHeader: string;
  let prefix: string;
  if (typeof config === 'string') {
    traceHeader = headerOption(config, 'the custom trace header', UBER_TRACE_ID_HEADER);
    prefix = UBER_BAGGAGE_HEADER_PREFIX;
  } else if (config === undefined || config === null) {
    traceHeader = UBER_TRACE_ID_HEADER;
    prefix = UBER_BAGGAGE_HEADER_PREFIX;
  } else if (typeof config === 'object') {
    for (const key of Object.keys(config)) {
      if (!KNOWN_OPTIONS.has(key)) {
        throw new TypeError(
          `JaegerPropagator: unknown option ${JSON.stringify(key)}; ` +
            `the options are customTraceHeader and customBaggageHeaderPrefix`,
        );
      }
    }
    traceHeader = headerOption(config.customTraceHeader, 'customTraceHeader', UBER_TRACE_ID_HEADER);
    prefix = headerOption(
      config.customBaggageHeaderPrefix,
      'customBaggageHeaderPrefix',
      UBER_BAGGAGE_HEADER_PREFIX,
    );
  } else {
    throw new TypeError(
      `JaegerPropagator: expected a header name or { customTraceHeader, customBaggageHeaderPrefix }, got ${typeof config}`,
    );
  }
  const baggagePrefix = prefix + '-';
  // Otherwise the trace header would be read back as a baggage item, and a baggage item could
  // overwrite the trace header on inject.
  if (traceHeader.startsWith(baggagePrefix)) {
    throw new TypeError(
      `JaegerPropagator: the trace header ${JSON.stringify(traceHeader)} starts with the baggage ` +
        `prefix ${JSON.stringify(baggagePrefix)}; choose a trace header or prefix that do not overlap`,
    );
  }
  return {
    traceHeader,
    baggagePrefix,
    customTraceHeader: traceHeader !== UBER_TRACE_ID_HEADER,
    headersRead: headerNames([traceHeader, JAEGER_BAGGAGE_HEADER], [baggagePrefix]),
  };
}
