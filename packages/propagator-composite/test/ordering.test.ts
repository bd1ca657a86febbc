/**
 * Ordering tables: every ordered pair of members, each member's headers carrying a different trace.
 *
 * REQUIREMENTS §7: "Runs members in order on extract (each sees the previous context) ... Default
 * precedence as core (`last valid wins`) ... Options: `first valid wins` ... a conflict hook called
 * when two members extract different trace ids from one carrier ... baggage from all members merged."
 */
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { CompositePropagator, type ConflictInfo } from '@baton/propagator-composite';
import {
  BATON_MEMBERS,
  FAMILY_HEADERS,
  OFFICIAL_MEMBERS,
  type Headers,
  type Member,
} from './members';
import { getter, S1, S2, T1, T2 } from './support';

const IDS: Array<[string, string]> = [
  [T1, S1],
  [T2, S2],
];

/** Member k of the pair writes its headers with trace k. */
function carrierFor(pair: Member[]): Headers {
  const carrier: Headers = {};
  pair.forEach((m, k) => {
    if (m.writes) Object.assign(carrier, FAMILY_HEADERS[m.writes](...IDS[k]));
    if (m.baggage) carrier[m.baggage.header] = m.baggage.value;
  });
  return carrier;
}

/** Which trace each member finds alone: its first readable family present in the carrier. */
function soloTrace(pair: Member[], m: Member): string | undefined {
  for (const family of m.reads) {
    // When both members write the same family, the carrier holds the second one's headers.
    const k = pair.map((w) => w.writes).lastIndexOf(family);
    if (k >= 0) return IDS[k][0];
  }
  return undefined;
}

function pairs(members: Member[]): Array<[string, Member, Member]> {
  const out: Array<[string, Member, Member]> = [];
  for (const a of members)
    for (const b of members) if (a !== b) out.push([`${a.name} then ${b.name}`, a, b]);
  return out;
}

function runTable(title: string, members: Member[]): void {
  describe(title, () => {
    test.each(pairs(members))('%s', (_label, a, b) => {
      const pair = [a, b];
      const carrier = carrierFor(pair);
      const found = pair.map((m) => ({ m, traceId: soloTrace(pair, m) })).filter((f) => f.traceId);
      const distinct = new Set(found.map((f) => f.traceId)).size;

      for (const precedence of ['last', 'first'] as const) {
        const conflicts: ConflictInfo[] = [];
        const composite = new CompositePropagator({
          propagators: [a.make(), b.make()],
          precedence,
          onConflict: (info) => conflicts.push(info),
          conflictWarningIntervalMs: Infinity,
        });
        const ctx = composite.extract(ROOT_CONTEXT, carrier, getter);

        // "last valid wins" (core) / "first valid wins" (option).
        const expected =
          found.length === 0 ? undefined : found[precedence === 'last' ? found.length - 1 : 0];
        expect(trace.getSpanContext(ctx)?.traceId).toBe(expected?.traceId);
        if (expected) expect(trace.getSpanContext(ctx)?.isRemote).toBe(true);

        // The conflict hook: called once, naming each member and the trace it found.
        if (distinct > 1) {
          expect(conflicts).toHaveLength(1);
          expect(conflicts[0].extractions.map((e) => [e.propagator, e.traceId])).toEqual(
            found.map((f) => [f.m.name, f.traceId]),
          );
          expect(conflicts[0].chosen.traceId).toBe(expected?.traceId);
          expect(conflicts[0].precedence).toBe(precedence);
        } else {
          expect(conflicts).toHaveLength(0);
        }

        // "baggage from all members merged", in either order.
        const bag = propagation.getBaggage(ctx);
        for (const m of pair) {
          if (m.baggage) expect(bag?.getEntry(m.baggage.key)?.value).toBe(m.baggage.entry);
        }
      }
    });
  });
}

runTable("core's W3C + official B3 / Jaeger members", OFFICIAL_MEMBERS);
runTable('Baton members', BATON_MEMBERS);
runTable('mixed: each Baton member with each official member', [
  ...BATON_MEMBERS,
  ...OFFICIAL_MEMBERS,
]);

test('toString names every member (foreign ones by constructor name)', () => {
  const composite = new CompositePropagator({
    propagators: [...BATON_MEMBERS, ...OFFICIAL_MEMBERS].map((m) => m.make()),
  });
  expect(composite.toString()).toBe(
    `Composite[${[...BATON_MEMBERS, ...OFFICIAL_MEMBERS].map((m) => m.name).join(', ')}]`,
  );
});
