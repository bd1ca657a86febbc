/**
 * A propagator for one custom header (REQUIREMENTS §6): extract reads the header into a context key
 * of its own — not a span context — and inject writes it back when the context holds a value.
 */
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import {
  firstValue,
  getHeader,
  isTracingSuppressed,
  safeSet,
  KEEPS_BATON_RULES,
  HEADERS_READ,
  EXPLAIN_REJECTION,
  rejectionReason,
  type HeadersRead,
  type RejectionReason,
} from '@baton/internal';
import { explainHeaderValue } from './explain';
import type { ResolvedOptions } from './options';
import { isValidValueRange } from './value';
import { readFirstMember } from './member';

import { RAW_VALUE_CAP } from './constants';

export { RAW_VALUE_CAP };

/** Everything a propagator for one header needs, fixed at construction. */
export interface HeaderRules extends ResolvedOptions {
  /** Where the value lives in the context. */
  key: symbol;
}

/** Runs a user's validator on extract: false or a throw both mean "ignore this value". */
function passesValidator(validate: (value: string) => boolean, value: string): boolean {
  try {
    return validate(value) === true;
  } catch {
    return false;
  }
}

export class HeaderPropagator implements TextMapPropagator {
  /**
   * Promise to CompositePropagator: extract never yields an invalid span context and merges baggage
   * rather than replacing it, so the composite skips re-checking this member's output.
   */
  readonly [KEEPS_BATON_RULES] = true;
  /** Extract reads its one header only: see HEADERS_READ (set in the constructor). */
  readonly [HEADERS_READ]: HeadersRead;

  readonly #rules: HeaderRules;
  readonly #description: string;

  constructor(rules: HeaderRules, description: string) {
    this.#rules = rules;
    this.#description = description;
    this[HEADERS_READ] = { names: [rules.header], prefixes: [] };
  }

  /**
   * Reads the header (lowercase name first, then any case; an array's first value; the first
   * member of a comma-joined repeat) and stores it under the key. An absent or invalid value
   * returns `context` itself, so a value already there survives a bad header.
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const { header, maxLength, validate, key } = this.#rules;
    const raw = firstValue(getHeader(carrier, getter, header), RAW_VALUE_CAP);
    if (raw === undefined) return context;
    const value = readFirstMember(raw, maxLength);
    if (value === undefined) return context;
    if (validate !== undefined && !passesValidator(validate, value)) return context;
    return context.setValue(key, value);
  }

  /**
   * Writes the header when the context holds a value. The value was validated when it was set;
   * the built-in rules are checked again (cheap, at most maxLength chars) because the context key
   * can be written directly, and inject must only ever write a legal header value (REQUIREMENTS §1).
   */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const { header, maxLength, inject, key } = this.#rules;
    if (!inject) return;
    const value = context.getValue(key);
    if (typeof value !== 'string' || !isValidValueRange(value, 0, value.length, maxLength)) return;
    if (isTracingSuppressed(context)) return;
    safeSet(carrier, setter, header, value);
  }

  /** The header inject writes: `[header]`, or `[]` for an extract-only propagator. */
  fields(): string[] {
    return this.#rules.inject ? [this.#rules.header] : [];
  }

  /** `PlatformId`, or `Header(<name>)` for one made by createHeaderPropagator. */
  toString(): string {
    return this.#description;
  }

  /**
   * Why a rejected value was rejected, for the diagnostics (EXPLAIN_REJECTION): the package's explain
   * API, on a prototype method so extract and inject never pay for it.
   */
  [EXPLAIN_REJECTION](header: string, value: string): RejectionReason | undefined {
    const { header: own, maxLength, validate } = this.#rules;
    if (String(header).toLowerCase() !== own) return undefined;
    const e = explainHeaderValue(value, own, maxLength);
    if (!e.valid) return rejectionReason(e);
    if (
      validate !== undefined &&
      e.fields !== undefined &&
      !passesValidator(validate, e.fields.value)
    )
      return { rule: `the validate option refused the value (${own}/validate)` };
    return undefined;
  }
}
