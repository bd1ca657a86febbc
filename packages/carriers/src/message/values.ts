/**
 * What message clients hand out as a header value, turned into what a `TextMapGetter` returns.
 *
 * kafkajs: `Buffer | string | (Buffer | string)[] | undefined`; amqplib: strings, Buffers (AMQP
 * byte arrays), numbers and booleans (AMQP field-table values). Propagators read strings; a Buffer
 * is read as UTF-8 (header values are ASCII; anything else then fails the format's grammar), a number
 * or boolean as its text (B3 reads `x-b3-sampled: true` or `1` from an AMQP table).
 * Bounded: at most MAX_VALUES values of a repeated header are read.
 */

export const MAX_VALUES = 64;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return undefined;
}

/** A string, an array of strings (a repeated header), or undefined. Never throws. */
export function headerText(value: unknown): string | string[] | undefined {
  try {
    if (!Array.isArray(value)) return text(value);
    const out: string[] = [];
    const n = value.length < MAX_VALUES ? value.length : MAX_VALUES;
    for (let i = 0; i < n; i++) {
      const t = text(value[i]);
      if (t !== undefined) out.push(t);
    }
    if (out.length === 0) return undefined;
    return out.length === 1 ? out[0] : out;
  } catch {
    return undefined;
  }
}
