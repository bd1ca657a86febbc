/**
 * Amazon SQS / SNS message attributes.
 *
 *   sending (SQS SendMessage, SNS Publish):  { [name]: { DataType: 'String', StringValue: '…' } }
 *   SQS ReceiveMessage:                       { [name]: { DataType, StringValue } }
 *   Lambda SQS event records:                 { [name]: { dataType, stringValue } }
 *   SNS → SQS without raw delivery, in the body's JSON: MessageAttributes { [name]: { Type, Value } }
 *
 * The getter reads all four shapes. SQS and SNS allow at most 10 attributes per message, and a
 * chain such as `tracecontext,baggage,b3multi` writes 6 fields. So there are two setters:
 * - `sqsAttributesSetter`: one attribute per field (`traceparent`, `baggage`, …), readable by any
 *   consumer. It never adds an 11th attribute: that field is dropped and a warning says to pack.
 * - `packedSqsAttributesSetter`: every field in ONE attribute, `trace_context`, whose StringValue is
 *   a JSON object `{ "traceparent": "…", … }`. A receiver needs `sqsAttributesGetter` (it unpacks
 *   that attribute by itself), or must JSON.parse that attribute's value and extract from the
 *   object with the default getter.
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { lookupIgnoringCase, recordKeys } from './record';
import { TRACE_CONTEXT_FIELD } from './envelope';
import { warnOnce } from '../warn-once';

/** SQS SendMessage and SNS Publish reject a message with more attributes than this. */
export const MAX_MESSAGE_ATTRIBUTES = 10;
/** The attribute the packed setter writes (the same name as the JSON envelope's member). */
export const PACKED_ATTRIBUTE = TRACE_CONTEXT_FIELD;
/** A packed attribute longer than this is ignored on receive (bounded work; 8 KB of baggage fits). */
export const MAX_PACKED_LENGTH = 32 * 1024;

export interface MessageAttribute {
  DataType?: string;
  StringValue?: string;
  [other: string]: unknown;
}
export type MessageAttributes = Record<string, MessageAttribute>;

/** The string value of one attribute, whatever shape it arrived in. */
function attributeValue(attribute: unknown): string | undefined {
  if (typeof attribute !== 'object' || attribute === null) return undefined;
  const a = attribute as Record<string, unknown>;
  const value = a.StringValue ?? a.stringValue ?? a.Value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The packed attribute's fields, parsed on each call: no cache, so a carrier changed after a read
 * is never answered from stale data; the work is bounded by MAX_PACKED_LENGTH.
 */
function packedFields(carrier: unknown): Record<string, unknown> | null {
  if (typeof carrier !== 'object' || carrier === null) return null;
  let result: Record<string, unknown> | null = null;
  const json = attributeValue(lookupIgnoringCase(carrier, PACKED_ATTRIBUTE));
  if (json !== undefined && json.length <= MAX_PACKED_LENGTH) {
    try {
      const parsed: unknown = JSON.parse(json);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        result = parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON: no packed fields.
    }
  }
  return result;
}

export const sqsAttributesGetter: TextMapGetter<MessageAttributes> = {
  get(carrier, key) {
    try {
      const direct = attributeValue(lookupIgnoringCase(carrier, key));
      if (direct !== undefined) return direct;
      const value = lookupIgnoringCase(packedFields(carrier), key);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  },
  keys(carrier) {
    try {
      const keys = recordKeys(carrier).filter((k) => k !== PACKED_ATTRIBUTE);
      return keys.concat(recordKeys(packedFields(carrier)));
    } catch {
      return [];
    }
  },
};

function isRecord(carrier: unknown): carrier is MessageAttributes {
  return typeof carrier === 'object' && carrier !== null && !Array.isArray(carrier);
}

export const sqsAttributesSetter: TextMapSetter<MessageAttributes> = {
  set(carrier, key, value) {
    try {
      if (!isRecord(carrier)) return;
      const present = Object.prototype.hasOwnProperty.call(carrier, key);
      if (!present && Object.keys(carrier).length >= MAX_MESSAGE_ATTRIBUTES) {
        warnOnce(
          'sqs-attribute-limit',
          `@baton/carriers: SQS/SNS allow at most ${MAX_MESSAGE_ATTRIBUTES} message attributes; ` +
            `'${key}' was not written, so the consumer may not continue the trace. Inject with ` +
            'packedSqsAttributesSetter (all fields in one attribute) instead.',
        );
        return;
      }
      carrier[key] = { DataType: 'String', StringValue: value };
    } catch {
      // Frozen: inject never throws.
    }
  },
};

export const packedSqsAttributesSetter: TextMapSetter<MessageAttributes> = {
  set(carrier, key, value) {
    try {
      if (!isRecord(carrier)) return;
      let fields: Record<string, string> = {};
      const existing = attributeValue(carrier[PACKED_ATTRIBUTE]);
      if (existing !== undefined) {
        try {
          const parsed: unknown = JSON.parse(existing);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
            fields = parsed as Record<string, string>;
          }
        } catch {
          // Not ours: replaced.
        }
      }
      fields[key] = value;
      carrier[PACKED_ATTRIBUTE] = { DataType: 'String', StringValue: JSON.stringify(fields) };
    } catch {
      // Frozen: inject never throws.
    }
  },
};
