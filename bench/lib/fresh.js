/**
 * Fresh ids for inject rows.
 *
 * Real traffic: every outgoing call is a new client span, every request a new trace. Inject rows
 * therefore cycle through a pool of distinct, valid span contexts, so neither side gains by
 * remembering the ids it saw last. (Baton's id checks remember the last valid id: that pays off
 * when the members of one composite inject the same span, and must not flatter a row that injects
 * one span context a million times.)
 */
'use strict';
const api = require('@opentelemetry/api');
const { wire } = require('./wire');

const POOL = 256; // a power of two (the cursor wraps with a mask); small, so the pools do not load the GC

const hex = (n, width) => (n >>> 0).toString(16).padStart(width, '0');

/** The i-th pair of distinct, valid lowercase ids (deterministic, so runs are comparable). */
function ids(i) {
  // Flat strings, as ids from the SDK's generator or from a parsed header are (see wire.js).
  return {
    traceId: wire(
      hex(0x4bf92f35 + i, 8) + hex(Math.imul(i + 1, 0x9e3779b1), 8) + '8448eb211c80319c',
    ),
    spanId: wire(hex(0x10000 + i * 7919, 8) + hex(Math.imul(i + 7, 0x85ebca6b), 8)),
  };
}

/** POOL contexts, each made by `make(ids)`. */
function pool(make) {
  return Array.from({ length: POOL }, (_, i) => make(ids(i)));
}

/**
 * POOL contexts holding a sampled span context with fresh ids (and `baggage`, if given), built by
 * `a` — the API instance of the side that will inject them (the 3.x line has its own; see
 * official3.js). The ids are the same for every side.
 */
function spanContexts(baggage, a = api) {
  return pool(({ traceId, spanId }) => {
    const ctx = a.trace.setSpanContext(a.ROOT_CONTEXT, {
      traceId,
      spanId,
      traceFlags: 1,
      isRemote: false,
    });
    return baggage === undefined ? ctx : a.propagation.setBaggage(ctx, baggage);
  });
}

/**
 * A function returning the pool's items in turn: one cursor per side of a row.
 *
 * Each side of a row keeps its own closure around it (`((next) => () => …)(cycle(pool))`) rather
 * than sharing a helper that calls `propagator.inject`: V8 keeps call-site feedback per source
 * location, so a shared helper makes that call megamorphic for every row and taxes both sides
 * (measured: the official Jaeger inject went from 118 to 141 ns, its floor ratio from 1.07 to 0.94).
 */
function cycle(items) {
  let next = 0;
  return () => items[next++ & (POOL - 1)];
}

module.exports = { ids, pool, spanContexts, cycle };
