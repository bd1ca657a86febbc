/**
 * The context members see during one composite extract: writes are recorded, not copied.
 *
 * Every `setValue` on the API's context copies the whole map (and allocates three closures), so a
 * composite of five members — each writing its span context, some their baggage, the composite its
 * own reconciliation — copied the context six or seven times per request. Members instead get an
 * Overlay: an immutable chain of writes over the input context, where `setValue` is one small
 * object. At the end `materialize` applies only the keys whose final value differs from the
 * input's, through the input context's own `setValue` (usually two copies: span and baggage).
 *
 * Overlays are immutable like any Context (a member may keep the context it was given), and the
 * result has exactly the values a chain of real copies would have had. The chain is bounded: past
 * MAX_DEPTH writes it materializes and continues on a real context.
 */
import { ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { anchorShape } from '@baton/internal';

/** A write that removed the key. */
const DELETED: unique symbol = Symbol('@baton/propagator-composite deleted');
/** The key of the root node, which records no write. Private: no one else can ask for it. */
const NO_KEY: unique symbol = Symbol('@baton/propagator-composite no key');

/** Past this many writes on one overlay chain, lookups would walk too far: use a real context. */
export const MAX_DEPTH = 64;

export class Overlay implements Context {
  constructor(
    /** The real context the writes apply to. */
    readonly base: Context,
    readonly parent: Overlay | undefined,
    readonly key: symbol,
    readonly value: unknown,
    readonly depth: number,
  ) {}

  getValue(key: symbol): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let node: Overlay | undefined = this;
    do {
      if (node.key === key) return node.value === DELETED ? undefined : node.value;
      node = node.parent;
    } while (node !== undefined);
    return this.base.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    if (this.depth >= MAX_DEPTH) return materialize(this).setValue(key, value);
    return new Overlay(this.base, this, key, value, this.depth + 1);
  }

  deleteValue(key: symbol): Context {
    if (this.depth >= MAX_DEPTH) return materialize(this).deleteValue(key);
    return new Overlay(this.base, this, key, DELETED, this.depth + 1);
  }

  /**
   * Builds the real context: `base` with each key's latest write, where it changes the value.
   * The first write goes through `base`'s own setValue / deleteValue; when that made a new API
   * context (see freshMapOf), the later writes go into its map, as the API's setValue does to the
   * copy it has just made. One context copy per extract instead of one per key: the every-format
   * composite extract writes two (span and baggage), and each API copy is a Map copied entry by
   * entry plus an object with three closures (~580 B: `node bench/micro/alloc-sites.js`).
   */
  static materialize(top: Overlay): Context {
    const base = top.base;
    let ctx = base;
    // The new context's map, once the first write made it; undefined before, or for a foreign context.
    let fresh: Map<symbol, unknown> | undefined;
    let written = false;
    for (let node: Overlay | undefined = top; node !== undefined; node = node.parent) {
      const key = node.key;
      if (key === NO_KEY || writtenAfter(top, node, key)) continue;
      const value = node.value;
      if (value === DELETED) {
        if (base.getValue(key) === undefined) continue;
        if (fresh !== undefined) fresh.delete(key);
        else ctx = ctx.deleteValue(key);
      } else {
        if (base.getValue(key) === value) continue;
        if (fresh !== undefined) fresh.set(key, value);
        else ctx = ctx.setValue(key, value);
      }
      if (!written) {
        written = true;
        fresh = freshMapOf(ctx, base);
      }
    }
    return ctx;
  }
}

/** The API's context class (BaseContext, which the API does not export): ROOT_CONTEXT's prototype. */
const API_CONTEXT_PROTOTYPE: unknown = Object.getPrototypeOf(ROOT_CONTEXT);

/** The Map behind an API context (its `_currentContext`, unchanged since api 1.0), or undefined. */
function apiContextMap(ctx: Context): Map<symbol, unknown> | undefined {
  if (Object.getPrototypeOf(ctx) !== API_CONTEXT_PROTOTYPE) return undefined;
  const map: unknown = (ctx as unknown as { _currentContext?: unknown })._currentContext;
  return map instanceof Map ? (map as Map<symbol, unknown>) : undefined;
}

/**
 * The map of `ctx`, which `base.setValue` / `deleteValue` just returned, when it is safe to write
 * into: both are contexts of this API copy, and `ctx` is a new object with a map of its own (the
 * API's setValue copies the map into a new context; nothing else holds `ctx` yet). Undefined for
 * any other context (another API copy, a context manager's own class): materialize then writes
 * every key through setValue, as before.
 */
function freshMapOf(ctx: Context, base: Context): Map<symbol, unknown> | undefined {
  if (ctx === base) return undefined;
  const map = apiContextMap(ctx);
  const baseMap = apiContextMap(base);
  return map === undefined || baseMap === undefined || map === baseMap ? undefined : map;
}

/** True when a node newer than `node` (from `top` down) wrote `key`: `node`'s write is stale. */
function writtenAfter(top: Overlay, node: Overlay, key: symbol): boolean {
  for (let n: Overlay = top; n !== node; n = n.parent!) if (n.key === key) return true;
  return false;
}

/** An overlay with no writes over `base`. */
export function overlay(base: Context): Overlay {
  return new Overlay(base, undefined, NO_KEY, undefined, 0);
}

/** The real context `ctx` stands for (itself when it is not an overlay). */
export function materialize(ctx: Context): Context {
  return ctx instanceof Overlay ? Overlay.materialize(ctx) : ctx;
}

// Overlays live for one extract (or inject) call: without a live one between requests, V8 frees
// their map at a full GC and deoptimises everything optimised for it (see anchorShape).
anchorShape(overlay(ROOT_CONTEXT).setValue(NO_KEY, undefined));
