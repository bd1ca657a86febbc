/**
 * Header values as a Node.js server receives them.
 *
 * Node's HTTP parser hands every header value to JavaScript as one flat string of bytes. A value
 * built in a benchmark with a template literal or `+` is not: V8 keeps it as a rope of its parts
 * (a "cons string"), and reading it char by char walks the rope on every read — about five times
 * slower for a 48-char id check on the bench machine, while a regex flattens it once. A benchmark
 * of ropes measures something no server sees; `wire()` makes the flat string the parser would.
 */
'use strict';

const LATIN1 = /^[^\u0100-\uffff]*$/;

/** `s` as one flat string (latin1 round trip, as the HTTP parser builds it). */
function wire(s) {
  return LATIN1.test(s) ? Buffer.from(s, 'latin1').toString('latin1') : s;
}

/** A copy of `carrier` whose string values (and strings in array values) are wire strings. */
function headers(carrier) {
  const out = {};
  for (const [key, value] of Object.entries(carrier)) {
    if (typeof value === 'string') out[key] = wire(value);
    else if (Array.isArray(value))
      out[key] = value.map((v) => (typeof v === 'string' ? wire(v) : v));
    else out[key] = value;
  }
  return out;
}

/** The headers a Node.js server typically sees next to the tracing ones. */
const NODE_REQUEST_HEADERS = Object.freeze({
  host: 'api.internal:8080',
  'user-agent': 'node-fetch/1.0',
  accept: 'application/json',
  'accept-encoding': 'gzip, deflate',
  'content-type': 'application/json',
  'content-length': '42',
  connection: 'keep-alive',
});

module.exports = { wire, headers, NODE_REQUEST_HEADERS };
