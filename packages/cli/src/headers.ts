/**
 * A header set: the headers of one request, as pasted or captured, in order. Names keep their
 * case for display; the carrier handed to propagators has lowercase names (as Node's `http` gives
 * them) and an array for a header sent more than once (as a message carrier would).
 */
export interface Header {
  name: string;
  value: string;
}

export interface HeaderSet {
  /** Where it came from: `arguments`, `stdin`, `file.har entry 2: GET https://…`. */
  source: string;
  headers: Header[];
}

/** Lowercase name → value, or values when the header was sent more than once. */
export type Carrier = Record<string, string | string[]>;

export function toCarrier(headers: readonly Header[]): Carrier {
  const carrier: Carrier = Object.create(null);
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    const had = carrier[key];
    if (had === undefined) carrier[key] = value;
    else carrier[key] = Array.isArray(had) ? [...had, value] : [had, value];
  }
  // A plain prototype again, so the API's default getter reads it as Node's headers object.
  return Object.assign({}, carrier);
}

/** The values of `name` (lowercase) in `carrier`, as a list. */
export function valuesOf(carrier: Carrier, name: string): string[] {
  const v = carrier[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
