/**
 * An immutable `TraceState` (the @opentelemetry/api interface) for W3C tracestate, without core.
 *
 * Parsing is lazy: extract stores the raw header and the list is parsed (and, if invalid, discarded
 * whole) on the first get/set/unset/serialize. Most requests never read tracestate, they only
 * forward it; the outcome is the same as parsing at extract, the cost is paid once, by inject.
 */
import type { TraceState } from '@opentelemetry/api';
import { TRACE_STATE_MAX_MEMBERS } from './constants';
import {
  isValidTraceStateKey,
  isValidTraceStateValue,
  parseTraceStateList,
} from './tracestate-grammar';

const EMPTY: string[] = [];

export class W3CTraceState implements TraceState {
  private _raw: string | undefined;
  private _keys: string[] = EMPTY;
  private _values: string[] = EMPTY;
  private _serialized: string | undefined;

  /** `raw`: a combined tracestate header, parsed on first use; omitted: the empty list. */
  constructor(raw?: string) {
    this._raw = raw;
    if (raw === undefined) this._serialized = '';
  }

  private _parse(): void {
    const raw = this._raw;
    if (raw === undefined) return;
    this._raw = undefined;
    const list = parseTraceStateList(raw);
    if (list === undefined) {
      this._serialized = '';
      return;
    }
    this._keys = list.keys;
    this._values = list.values;
    if (list.canonical) this._serialized = raw;
  }

  private static _of(keys: string[], values: string[]): W3CTraceState {
    const state = new W3CTraceState();
    state._serialized = undefined;
    state._keys = keys;
    state._values = values;
    return state;
  }

  /** Number of members (after parsing; an invalid header has none). */
  get size(): number {
    this._parse();
    return this._keys.length;
  }

  get(key: string): string | undefined {
    this._parse();
    const keys = this._keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this._values[i];
    return undefined;
  }

  /**
   * W3C-TC §Mutating the tracestate Field: a new or updated member goes first; when the list would
   * exceed 32 members the right-most member is dropped. An invalid key or value changes nothing.
   */
  set(key: string, value: string): W3CTraceState {
    if (!isValidTraceStateKey(key) || !isValidTraceStateValue(value)) return this;
    this._parse();
    const keys = [key];
    const values = [value];
    for (let i = 0; i < this._keys.length && keys.length < TRACE_STATE_MAX_MEMBERS; i++) {
      if (this._keys[i] === key) continue;
      keys.push(this._keys[i]);
      values.push(this._values[i]);
    }
    return W3CTraceState._of(keys, values);
  }

  unset(key: string): W3CTraceState {
    this._parse();
    const at = this._keys.indexOf(key);
    if (at < 0) return this;
    const keys = this._keys.slice();
    const values = this._values.slice();
    keys.splice(at, 1);
    values.splice(at, 1);
    return W3CTraceState._of(keys, values);
  }

  /** `k1=v1,k2=v2`, left to right; '' for the empty (or discarded) list. */
  serialize(): string {
    if (this._raw !== undefined) this._parse();
    if (this._serialized !== undefined) return this._serialized;
    let out = '';
    for (let i = 0; i < this._keys.length; i++) {
      out += (i === 0 ? '' : ',') + this._keys[i] + '=' + this._values[i];
    }
    this._serialized = out;
    return out;
  }
}
