/**
 * A plain JSON envelope for queues without headers (Redis lists, a database outbox, a file):
 *
 *   { "trace_context": { "traceparent": "00-…", "baggage": "k=v" }, …your fields… }
 *
 * The carrier is the envelope object (the parsed message body); the context lives in its
 * `trace_context` member, one string per propagator field. Any propagator works through it. The
 * same envelope carries context to a worker thread (see worker.ts).
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { lookupIgnoringCase, recordKeys } from './record';

export const TRACE_CONTEXT_FIELD = 'trace_context';

export interface Envelope {
  trace_context?: Record<string, string>;
  [field: string]: unknown;
}

function fields(envelope: unknown): unknown {
  try {
    if (typeof envelope !== 'object' || envelope === null) return undefined;
    return Object.prototype.hasOwnProperty.call(envelope, TRACE_CONTEXT_FIELD)
      ? (envelope as Envelope)[TRACE_CONTEXT_FIELD]
      : undefined;
  } catch {
    return undefined;
  }
}

/** Strings only: a JSON body from the wire is untrusted, and numbers or objects are no header. */
export const envelopeGetter: TextMapGetter<Envelope> = {
  get(carrier, key) {
    const value = lookupIgnoringCase(fields(carrier), key);
    return typeof value === 'string' ? value : undefined;
  },
  keys: (carrier) => recordKeys(fields(carrier)),
};

/** Creates `trace_context` when absent (or not an object) and writes the field into it. */
export const envelopeSetter: TextMapSetter<Envelope> = {
  set(carrier, key, value) {
    try {
      if (typeof carrier !== 'object' || carrier === null) return;
      let target = fields(carrier);
      if (typeof target !== 'object' || target === null || Array.isArray(target)) {
        target = {};
        carrier[TRACE_CONTEXT_FIELD] = target as Record<string, string>;
      }
      (target as Record<string, string>)[key] = value;
    } catch {
      // Frozen envelope: inject never throws.
    }
  },
};
