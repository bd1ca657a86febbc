/**
 * Keeping the hidden classes of short-lived objects alive.
 *
 * V8's optimised code holds the maps (hidden classes) it was specialised for weakly. An object that
 * lives for one call only — a composite's overlay nodes and keys getter, a span context literal
 * that gained a `traceState`, an API `NonRecordingSpan` — has no instance alive between requests.
 * When several full GCs in a row find none (V8 retains maps used by optimised code for
 * `--retain-maps-for-n-gc` collections, 2 by default), the map is freed, and every function optimised
 * against it is deoptimised ("marking dependent code … reason: weak objects" under `--trace-deopt`),
 * then re-optimised against a new map on the next requests. bench/gc/README.md shows it, with the
 * script that measures it.
 *
 * One instance of each such shape, made exactly as the request path makes them and held here for
 * the life of the process, keeps each map alive (a map is live while an object of it is), so that
 * optimised code stays valid across GCs. Holding a few small objects costs nothing; which shapes to
 * anchor is decided by `bench/gc/weak-objects.js`, which lists the functions still deoptimised.
 */
import { trace } from '@opentelemetry/api';

const anchors: unknown[] = [];

/** Keeps `example` (and so its map) alive for the life of the process; returns it. */
export function anchorShape<T>(example: T): T {
  anchors.push(example);
  return example;
}

// The API wraps every extracted span context in a NonRecordingSpan that lives for one request, and
// no instance of it outlives one: this one does, for the API instance Baton's packages use.
anchorShape(
  trace.wrapSpanContext({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: 1,
    isRemote: true,
  }),
);
