/**
 * CompositePropagator: many propagators acting as one (REQUIREMENTS §7).
 *
 * A drop-in for `@opentelemetry/core`'s CompositePropagator — same constructor shape, same default
 * semantics (members in order, each extract sees the previous member's context, so the last valid
 * span context wins; every member injects; fields() is the ordered union) — plus what mixed fleets
 * need: precedence 'first', separate inject / extract member lists, conflict reporting, and no loss
 * between members (see reconcileSpan and mergeBaggage).
 */
import {
  propagation,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  isTracingSuppressed,
  plainCarrierKeys,
  isValidSpanId,
  isValidTraceId,
  keepsBatonRules,
  extractEquivalence,
} from '@baton/internal';
import { normalizeConfig, type CompositePropagatorConfig, type Precedence } from './config';
import { ConflictReporter, type Extraction } from './conflict';
import { OFFICIAL_B3_DEBUG_KEY, restoreDebug, restoreKey } from './debug';
import { describeComposite, describesItself, memberName } from './describe';
import { FailureReporter } from './failures';
import { mergeBaggage } from './baggage';
import { BAGGAGE_KEY, baggageOf, spanOf } from './keys';
import { ALL_PRESENT, buildHeaderIndex, membersWithHeaders, type HeaderIndex } from './presence';
import { KeysOnceGetter } from './getter';
import { materialize, overlay } from './overlay';
import { SharedEntriesBaggage } from './shared-baggage';
import './shapes';

/**
 * A valid SpanContext: lowercase hex ids, 32 / 16 chars, not all zero. When the ids equal those of
 * `known` (an extraction already checked in this call) the char-by-char check is skipped: with every
 * format present, each member re-extracts the same ids.
 */
function isValidSpanContext(
  sc: SpanContext | undefined,
  known: SpanContext | undefined,
): sc is SpanContext {
  if (sc === undefined) return false;
  if (known !== undefined && known.traceId === sc.traceId && known.spanId === sc.spanId)
    return true;
  return isValidTraceId(sc.traceId) && isValidSpanId(sc.spanId);
}

function isContext(value: unknown): value is Context {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Context).getValue === 'function' &&
    typeof (value as Context).setValue === 'function'
  );
}

/** Puts `span` (or no span) back as the context's span. */
function withSpan(ctx: Context, span: Span | undefined): Context {
  return span === undefined ? trace.deleteSpan(ctx) : trace.setSpan(ctx, span);
}

/**
 * The extract members without a member that repeats the previous one's extraction (same
 * EXTRACT_EQUIVALENCE key, adjacent). Running it again would set the same span context over itself:
 * same ids, so no conflict, and the same debug / sampling records. Only adjacent repeats are
 * dropped: a different member in between could change which span context is the last valid one.
 */
function withoutRepeatedExtraction(members: TextMapPropagator[]): TextMapPropagator[] {
  const out: TextMapPropagator[] = [];
  let previous: string | undefined;
  for (const member of members) {
    const key = extractEquivalence(member);
    if (key !== undefined && key === previous) continue;
    out.push(member);
    previous = key;
  }
  return out;
}

export class CompositePropagator implements TextMapPropagator {
  private readonly injectMembers: TextMapPropagator[];
  private readonly extractMembers: TextMapPropagator[];
  private readonly injectNames: string[];
  private readonly extractNames: string[];
  private readonly precedenceFirst: boolean;
  private readonly precedence: Precedence;
  private readonly watchOfficialDebug: boolean;
  /** Per extract member: it promised to keep Baton's rules, so its output is not re-checked. */
  private readonly keepsRules: boolean[];
  /** What the members that declared HEADERS_READ read: lets extract skip members with no header. */
  private readonly headerIndex: HeaderIndex | undefined;
  /** Inject members share one baggage getAllEntries() (all are Baton members, and several). */
  private readonly shareBaggage: boolean;
  private readonly fieldList: string[];
  private readonly description: string;
  private readonly failures = new FailureReporter();
  private readonly conflicts: ConflictReporter;

  constructor(config: CompositePropagatorConfig = {}) {
    const c = normalizeConfig(config);
    this.injectMembers = c.injectMembers;
    // Adjacent members that promise identical extraction (B3 single + B3 multi) run once.
    this.extractMembers = withoutRepeatedExtraction(c.extractMembers);
    this.injectNames = c.injectMembers.map(memberName);
    this.extractNames = this.extractMembers.map(memberName);
    // The official B3 package's trace-less debug flag can only come from a foreign member (one
    // without a description of its own); Baton members bind debug to its trace themselves. Skipping
    // the bookkeeping otherwise saves two context reads per member.
    this.watchOfficialDebug = !this.extractMembers.every(describesItself);
    this.keepsRules = this.extractMembers.map(keepsBatonRules);
    this.headerIndex = buildHeaderIndex(this.extractMembers);
    this.shareBaggage = c.injectMembers.length > 1 && c.injectMembers.every(keepsBatonRules);
    this.precedence = c.precedence;
    this.precedenceFirst = c.precedence === 'first';
    this.conflicts = new ConflictReporter(c.conflictWarningIntervalMs, c.onConflict);
    this.fieldList = this.collectFields();
    // Described as configured (the skipped repeat is an optimisation, not a different chain).
    this.description = describeComposite(
      c.extractMembers.map(memberName),
      this.injectNames,
      c.precedence,
    );
  }

  /**
   * The ordered union of the inject members' fields (REQUIREMENTS §1: "the fixed keys inject can
   * write"), computed once as core does. A member without fields() (older propagators) adds none.
   */
  private collectFields(): string[] {
    const seen = new Set<string>();
    for (let i = 0; i < this.injectMembers.length; i++) {
      const member = this.injectMembers[i];
      if (typeof member.fields !== 'function') continue;
      try {
        const list: unknown = member.fields();
        if (!Array.isArray(list)) continue;
        for (const field of list) if (typeof field === 'string') seen.add(field);
      } catch (err) {
        this.failures.report(this.injectNames[i], i, 'fields', err);
      }
    }
    return Array.from(seen);
  }

  fields(): string[] {
    // A copy, so a caller cannot change what the next caller sees.
    return this.fieldList.slice();
  }

  toString(): string {
    return this.description;
  }

  /**
   * Every inject member writes, in order. Nothing is written when tracing is suppressed
   * (REQUIREMENTS §1) — checked once here, so a foreign member that ignores suppression cannot leak.
   * When every member is a Baton member, they share one read of the baggage's entries
   * (see shared-baggage.ts).
   */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      if (isTracingSuppressed(context)) return;
    } catch {
      return; // not a Context: nothing can be injected from it.
    }
    if (this.shareBaggage) {
      try {
        const baggage = baggageOf(context);
        if (baggage !== undefined) {
          context = overlay(context).setValue(BAGGAGE_KEY, new SharedEntriesBaggage(baggage));
        }
      } catch {
        // A context whose reads throw: the members get it as it is (and report their own failures).
      }
    }
    const members = this.injectMembers;
    for (let i = 0; i < members.length; i++) {
      try {
        members[i].inject(context, carrier, setter);
      } catch (err) {
        this.failures.report(this.injectNames[i], i, 'inject', err);
      }
    }
  }

  /**
   * Runs every extract member in order, each on the previous member's context, then reconciles:
   *
   * - a member's span context that is not valid never replaces the previous one (no loss);
   * - with precedence 'first', the first member's valid span context is put back over any later
   *   member's different one (later members' other keys — baggage, platform ids — are kept);
   * - `tracestate` survives when a later member extracts the same trace and span id without it;
   * - baggage entries a member dropped are merged back (core's W3C baggage replaces baggage);
   * - debug flags travel with the span context they were extracted with.
   *
   * Members' outputs are compared by reference first: a member that found nothing returns its input
   * context, and the composite then does no work at all for it.
   *
   * Members work on an overlay of the input context (writes recorded, not copied; see overlay.ts)
   * and share one `getter.keys()` (see getter.ts); the real context is built once, at the end.
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    if (!isContext(context)) return context;
    const members = this.extractMembers;
    if (members.length === 0) return context;
    const first = this.precedenceFirst;
    // A plain object through the default getter: its keys, read once, answer presence.
    const plainKeys =
      this.headerIndex === undefined ? undefined : plainCarrierKeys(carrier, getter);
    if (members.length > 1 && getter !== null && typeof getter === 'object') {
      getter = new KeysOnceGetter(getter, carrier, plainKeys);
    }
    // Members none of whose headers is in the carrier are skipped (they would return ctx as is).
    let skip = 0;
    if (this.headerIndex !== undefined) {
      const present = membersWithHeaders(this.headerIndex, carrier, getter, plainKeys);
      if (present !== ALL_PRESENT) skip = this.headerIndex.declared & ~present;
    }
    const start = overlay(context);
    let ctx: Context = start;
    let inputSpan: Span | undefined; // the input's span, read when a member first changes ctx
    // The span in ctx, compared by reference after each member; read only once a member changed
    // the context (most members find nothing and return their input).
    let seeded = false;
    let span: Span | undefined;
    let winner: Span | undefined; // 'first': the span the first valid extraction produced
    let chosen = -1; // index of the member whose span context ctx holds
    let withState: SpanContext | undefined; // 'last': latest extraction that carried a tracestate
    let found: Array<number | SpanContext> | undefined; // flat [member index, span context, ...]
    let conflict = false;
    let lastExtracted: SpanContext | undefined; // the latest valid extraction (its ids are checked)
    let officialDebugTrace: string | undefined;

    for (let i = 0; i < members.length; i++) {
      // Everything is computed into locals and committed at the end of the step, so a throw
      // half-way (a foreign span or baggage object misbehaving) leaves the state as it was.
      let next: Context;
      let nextSpan = span;
      let nextWinner = winner;
      let extracted: SpanContext | undefined;
      let nextDebugTrace = officialDebugTrace;
      if ((skip & (1 << i)) !== 0) continue;
      try {
        next = members[i].extract(ctx, carrier, getter);
        if (next === ctx) continue;
        if (!isContext(next)) {
          this.failures.report(this.extractNames[i], i, 'extract', next, 'returned a non-Context');
          continue;
        }
        if (!seeded) {
          // No member changed the context before this one: ctx is still the input.
          seeded = true;
          span = nextSpan = inputSpan = spanOf(ctx);
        }

        const memberSpan = spanOf(next);
        if (memberSpan !== span) {
          const sc = memberSpan === undefined ? undefined : memberSpan.spanContext();
          const valid = this.keepsRules[i]
            ? sc !== undefined
            : isValidSpanContext(sc, lastExtracted);
          if (!valid || sc === undefined) {
            // REQUIREMENTS §1: "Extract of a malformed value never replaces a valid SpanContext".
            next = restoreDebug(ctx, withSpan(next, span));
          } else {
            extracted = sc;
            if (first && winner !== undefined) {
              next = keepWinner(ctx, next, winner, sc);
              nextSpan = nextWinner = spanOf(next);
            } else {
              nextSpan = memberSpan;
              if (first) nextWinner = memberSpan;
            }
          }
        }

        if (!this.keepsRules[i]) {
          // A foreign member may replace the baggage (core's W3C baggage does): put back what it
          // dropped. Baton members merge themselves, so their baggage is not even read.
          const before = baggageOf(ctx);
          const after = baggageOf(next);
          if (after !== before && before !== undefined) {
            const merged = mergeBaggage(before, after);
            if (merged !== after) next = propagation.setBaggage(next, merged);
          }
        }

        if (
          this.watchOfficialDebug &&
          next.getValue(OFFICIAL_B3_DEBUG_KEY) !== ctx.getValue(OFFICIAL_B3_DEBUG_KEY)
        ) {
          nextDebugTrace = nextSpan === undefined ? undefined : nextSpan.spanContext().traceId;
        }
      } catch (err) {
        // The member (or a foreign span or baggage object it produced) threw: keep the previous context.
        this.failures.report(this.extractNames[i], i, 'extract', err);
        continue;
      }
      if (extracted !== undefined) {
        if (found === undefined) {
          found = [i, extracted];
        } else {
          if (extracted.traceId !== (found[1] as SpanContext).traceId) conflict = true;
          found.push(i, extracted);
        }
        if (!first || winner === undefined) chosen = i;
        if (extracted.traceState !== undefined) withState = extracted;
        lastExtracted = extracted;
      }
      ctx = next;
      span = nextSpan;
      winner = nextWinner;
      officialDebugTrace = nextDebugTrace;
    }

    if (ctx === start) return context;
    if (!first && chosen >= 0) ctx = keepTraceState(ctx, span!, withState, inputSpan);
    if (
      this.watchOfficialDebug &&
      ctx.getValue(OFFICIAL_B3_DEBUG_KEY) !== context.getValue(OFFICIAL_B3_DEBUG_KEY)
    ) {
      // The official B3 flag is trace-less: drop it unless its trace is the one that won.
      const finalTrace = span === undefined ? undefined : span.spanContext().traceId;
      if (finalTrace !== officialDebugTrace) ctx = restoreKey(context, ctx, OFFICIAL_B3_DEBUG_KEY);
    }
    if (conflict) this.reportConflict(found!, chosen);
    return materialize(ctx);
  }

  private reportConflict(found: Array<number | SpanContext>, chosen: number): void {
    const extractions: Extraction[] = [];
    let chosenExtraction: Extraction | undefined;
    for (let k = 0; k < found.length; k += 2) {
      const index = found[k] as number;
      const sc = found[k + 1] as SpanContext;
      const e = { propagator: this.extractNames[index], traceId: sc.traceId, spanId: sc.spanId };
      extractions.push(e);
      if (index === chosen) chosenExtraction = e;
    }
    this.conflicts.report({
      extractions,
      chosen: chosenExtraction ?? extractions[extractions.length - 1],
      precedence: this.precedence,
    });
  }
}

/**
 * Precedence 'last': "tracestate survives when a later member extracts the same ids" (issue 6).
 * When the winning span context has no `tracestate` (B3 and Jaeger carry none) but an earlier
 * extraction — or the input context — had one for the same trace and span id, it is kept: W3C's
 * vendor data must not vanish because a B3 member ran after it. Done once, after all members.
 */
function keepTraceState(
  ctx: Context,
  span: Span,
  withState: SpanContext | undefined,
  inputSpan: Span | undefined,
): Context {
  const sc = span.spanContext();
  if (sc.traceState !== undefined) return ctx;
  const from = withState ?? (inputSpan === undefined ? undefined : inputSpan.spanContext());
  if (from === undefined || from.traceState === undefined) return ctx;
  if (from.traceId !== sc.traceId || from.spanId !== sc.spanId) return ctx;
  return trace.setSpanContext(ctx, {
    traceId: sc.traceId,
    spanId: sc.spanId,
    traceFlags: sc.traceFlags,
    isRemote: sc.isRemote,
    traceState: from.traceState,
  });
}

/**
 * Precedence 'first', a later member extracted `sc`: keep the winner's span context. The same ids
 * are the same request, so the later member may contribute a `tracestate` the winner lacked (and
 * its debug value, which belongs to this trace); a different trace is rejected along with its debug.
 */
function keepWinner(before: Context, next: Context, winner: Span, sc: SpanContext): Context {
  const w = winner.spanContext();
  if (sc.traceId === w.traceId && sc.spanId === w.spanId) {
    if (w.traceState === undefined && sc.traceState !== undefined) {
      return trace.setSpanContext(next, { ...w, traceState: sc.traceState });
    }
    return trace.setSpan(next, winner);
  }
  return restoreDebug(before, trace.setSpan(next, winner));
}
