/**
 * CompositePropagator: many propagators acting as one (REQUIREMENTS §7).
 *
 * A drop-in for `@opentelemetry/core`'s CompositePropagator — same constructor shape, same default
 * semantics (members in order, each extract sees the previous member's context, so the last valid
 * span context wins; every member injects; fields() is the ordered union) — plus what mixed fleets
 * need: precedence 'first', separate inject / extract member lists, conflict reporting, and no loss
 * between members (see reconcile/reconciliation.ts).
 */
import {
  ROOT_CONTEXT,
  type Baggage,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  beginWalkedCarrier,
  endWalkedCarrier,
  injectsSpanContext,
  INJECT_SPAN_CONTEXT,
  type SpanContextInject,
  isPlainCarrier,
  isTracingSuppressed,
  keepsBatonRules,
  extractEquivalence,
} from '@baton/internal';
import { normalizeConfig, type CompositePropagatorConfig, type Precedence } from './config';
import { ConflictReporter, type Extraction } from './conflict';
import { describeComposite, describesItself, memberName } from './describe';
import { FailureReporter } from './failures';
import { BAGGAGE_KEY, baggageOf, spanOf } from './keys';
import {
  ALL_PRESENT,
  OTHER_CASE,
  buildHeaderIndex,
  membersWithHeaders,
  membersWithHeadersPlain,
  type HeaderIndex,
} from './presence';
import { KeysOnceGetter } from './getter';
import { materialize, overlay } from './overlay';
import { Reconciliation } from './reconcile/reconciliation';
import { SharedEntriesBaggage } from './shared-baggage';
import './shapes';

/** A member that made the INJECT_SPAN_CONTEXT promise. */
type SpanContextInjector = TextMapPropagator & { [INJECT_SPAN_CONTEXT]: SpanContextInject };

function isContext(value: unknown): value is Context {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Context).getValue === 'function' &&
    typeof (value as Context).setValue === 'function'
  );
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
  /**
   * Bitmask of the inject members given the span context and baggage the composite read once
   * (INJECT_SPAN_CONTEXT in @baton/internal): the first 30 members that made the promise.
   */
  private readonly spanInjectors: number;
  /**
   * Some inject member reads the baggage from the context itself (it made no INJECT_SPAN_CONTEXT
   * promise, or comes after the 30th): the shared baggage is put in the context it gets.
   */
  private readonly baggageInContext: boolean;
  private readonly fieldList: string[];
  private readonly description: string;
  private readonly failures = new FailureReporter();
  private readonly conflicts: ConflictReporter;
  /** Bitmask of every extract member (up to 30: the header index's limit). */
  private readonly allMembers: number;
  /**
   * Bitmask of the members that, when presence leaves them alone to run, skip the overlay and the
   * reconciliation (see extractOne): those that keep Baton's rules, unless a foreign member could
   * set the official B3 debug flag (debug binding needs the reconciliation). Tests set it to 0 to
   * compare the two paths.
   */
  private singleMembers: number;

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
    this.allMembers = this.extractMembers.length > 30 ? -1 : (1 << this.extractMembers.length) - 1;
    let single = 0;
    if (!this.watchOfficialDebug) {
      for (let i = 0; i < this.keepsRules.length && i < 30; i++) {
        if (this.keepsRules[i]) single |= 1 << i;
      }
    }
    this.singleMembers = single;
    this.shareBaggage = c.injectMembers.length > 1 && c.injectMembers.every(keepsBatonRules);
    let injectors = 0;
    for (let i = 0; i < c.injectMembers.length && i < 30; i++) {
      if (injectsSpanContext(c.injectMembers[i])) injectors |= 1 << i;
    }
    this.spanInjectors = injectors;
    this.baggageInContext =
      c.injectMembers.length > 30 || injectors !== (1 << c.injectMembers.length) - 1;
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
   * (see shared-baggage.ts), and members that promised INJECT_SPAN_CONTEXT get the span context and
   * the baggage read once here instead of each reading them and the suppression key again.
   */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      if (isTracingSuppressed(context)) return;
    } catch {
      return; // not a Context: nothing can be injected from it.
    }
    // The span context and the baggage, read once for the members that take them
    // (INJECT_SPAN_CONTEXT): what each would read (the API's trace.getSpanContext and
    // propagation.getBaggage). In a composite of tracecontext, baggage and xray the two baggage
    // reads this saves were 6–7% of its instructions (node bench/instructions.js, see bench/README.md). A
    // context or span whose reads throw leaves every member to its own inject, which meets the throw.
    let spanContext: SpanContext | undefined;
    let baggage: Baggage | undefined;
    let readOnce = false;
    if (this.spanInjectors !== 0 || this.shareBaggage) {
      try {
        const span = spanOf(context);
        spanContext = span === undefined ? undefined : span.spanContext();
        baggage = baggageOf(context);
        readOnce = true;
      } catch {
        // readOnce stays false: each member reads for itself.
      }
    }
    if (readOnce && baggage !== undefined && this.shareBaggage) {
      baggage = new SharedEntriesBaggage(baggage);
      if (this.baggageInContext) context = overlay(context).setValue(BAGGAGE_KEY, baggage);
    }
    const members = this.injectMembers;
    for (let i = 0; i < members.length; i++) {
      try {
        // `i < 30`: past bit 31 a shift wraps around (1 << 32 is 1) onto another member's bit.
        if (readOnce && i < 30 && (this.spanInjectors & (1 << i)) !== 0) {
          (members[i] as SpanContextInjector)[INJECT_SPAN_CONTEXT](
            context,
            spanContext,
            baggage,
            carrier,
            setter,
          );
        } else {
          members[i].inject(context, carrier, setter);
        }
      } catch (err) {
        this.failures.report(this.injectNames[i], i, 'inject', err);
      }
    }
  }

  /**
   * Runs every extract member in order, each on the previous member's context, and reconciles
   * their outputs step by step (see reconcile/reconciliation.ts): an invalid span context never
   * replaces a valid one; precedence; tracestate and flags carried over between extractions of the
   * same ids; baggage a foreign member dropped merged back; debug bound to its span context.
   *
   * Members' outputs are compared by reference first: a member that found nothing returns its input
   * context, and the composite then does no work at all for it.
   *
   * Members work on an overlay of the input context (writes recorded, not copied; see overlay.ts)
   * and share one `getter.keys()` (see getter.ts); the real context is built once, at the end.
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    if (!isContext(context)) return context;
    // Members none of whose headers is in the carrier are skipped (they would return ctx as is).
    let skip = 0;
    const index = this.headerIndex;
    if (index !== undefined) {
      // A plain object through the default getter (Node's request headers): its keys, walked once
      // without an array, answer presence; the members then read it through that same getter,
      // whose case-insensitive fallback walks the keys without an array too (getHeader in
      // @baton/internal). Any other carrier or getter: the members share one keys() array.
      let present: number;
      // The walk saw every key, and each of the members' names only in lowercase (or not at all).
      let walked = false;
      if (isPlainCarrier(carrier, getter)) {
        present = membersWithHeadersPlain(index, carrier);
        walked = present !== ALL_PRESENT && (present & OTHER_CASE) === 0;
      } else {
        getter = this.keysOnce(getter);
        present = membersWithHeaders(index, carrier, getter);
      }
      if (present !== ALL_PRESENT) {
        skip = index.declared & ~present;
        const run = this.allMembers & ~skip;
        // No member has a header: each would return its input (what extractAll returns).
        if (run === 0) return context;
        // One member has, and may take the single-member path: most requests (one format per hop).
        if ((run & (run - 1)) === 0 && (run & this.singleMembers) !== 0) {
          const i = 31 - Math.clz32(run);
          const out = walked
            ? this.extractOneWalked(i, context, carrier as object, getter, index.names)
            : this.extractOne(i, context, carrier, getter);
          if (out !== undefined) return out;
        }
      } else if (this.allMembers === 1 && (this.singleMembers & 1) !== 0) {
        // One extract member (`b3,b3multi` extracts B3 once: withoutRepeatedExtraction) whose
        // header is there: "every member present" is that one member, alone on the single-member
        // path too. ALL_PRESENT also answers a carrier past the key cap, or one whose walk threw:
        // run alone, the member bounds its own work, and a throw of its own is reported as on the
        // general path.
        const out = this.extractOne(0, context, carrier, getter);
        if (out !== undefined) return out;
      }
    } else {
      getter = this.keysOnce(getter);
    }
    return this.extractAll(context, carrier, getter, skip);
  }

  /** The getter the members share for a carrier read through `getter` (see getter.ts). */
  private keysOnce(getter: TextMapGetter): TextMapGetter {
    return this.extractMembers.length > 1 && getter !== null && typeof getter === 'object'
      ? new KeysOnceGetter(getter)
      : getter;
  }

  /** The general path: every member not in `skip`, on an overlay, reconciled step by step. */
  private extractAll(
    context: Context,
    carrier: unknown,
    getter: TextMapGetter,
    skip: number,
  ): Context {
    const members = this.extractMembers;
    let ctx: Context = overlay(context);
    // Made when a member first changes the context (most requests: one or two members do).
    let rec: Reconciliation | undefined;
    for (let i = 0; i < members.length; i++) {
      if ((skip & (1 << i)) !== 0) continue;
      let next: Context;
      try {
        next = members[i].extract(ctx, carrier, getter);
        if (next === ctx) continue;
        if (!isContext(next)) {
          this.failures.report(this.extractNames[i], i, 'extract', next, 'returned a non-Context');
          continue;
        }
        if (rec === undefined) {
          rec = new Reconciliation(ctx, this.precedenceFirst, this.watchOfficialDebug);
        }
        next = rec.step(ctx, next, this.keepsRules[i]);
      } catch (err) {
        // The member (or a foreign span or baggage object it produced) threw: keep the previous context.
        this.failures.report(this.extractNames[i], i, 'extract', err);
        continue;
      }
      rec.commit(i);
      ctx = next;
    }
    if (rec === undefined) return context;
    ctx = rec.finish(context, ctx);
    if (rec.conflict) this.reportConflict(rec.found!, rec.chosen);
    return materialize(ctx);
  }

  /**
   * Member `i`, a member that keeps Baton's rules, is the only one to run: it extracts straight
   * from `context`, with no overlay and no reconciliation, when that gives what the general path
   * (the loop in extract) gives. With one member and no span in the input context, every step is
   * idle: valid-replaces-invalid trusts the member (it keeps Baton's rules), precedence has nothing
   * to choose between, carry-over has no earlier extraction, a trusted member's baggage is not
   * re-merged, debug binding is off (singleMembers), and no conflict is possible. Nothing is
   * left to check: the member's span is its promise (KEEPS_BATON_RULES in @baton/internal).
   * Undefined when the input context holds a span (carry-over may then apply): the general path runs.
   */
  private extractOne(
    i: number,
    context: Context,
    carrier: unknown,
    getter: TextMapGetter,
  ): Context | undefined {
    // The API's root context holds nothing: what instrumentation-http extracts into, so most
    // requests skip the lookup.
    if (context !== ROOT_CONTEXT) {
      try {
        if (spanOf(context) !== undefined) return undefined;
      } catch {
        return undefined; // a context whose reads throw: the general path meets it as before
      }
    }
    try {
      const next = this.extractMembers[i].extract(context, carrier, getter);
      if (next === context) return context;
      if (!isContext(next)) {
        this.failures.report(this.extractNames[i], i, 'extract', next, 'returned a non-Context');
        return context;
      }
      // Not re-read: the input held no span, so any span in `next` is the member's, and a member
      // that keeps Baton's rules promised it has a span context with valid ids (KEEPS_BATON_RULES).
      // Reading it back (a context lookup and a spanContext() call) was 8–15% of a composite
      // extract with one `traceparent` (bench/fastest.js, A/B in one process).
      return next;
    } catch (err) {
      this.failures.report(this.extractNames[i], i, 'extract', err);
      return context;
    }
  }

  /**
   * extractOne, with presence's walk of the carrier's keys lent to the member for `names` (see
   * beginWalkedCarrier in @baton/internal): its case-insensitive fallback for them does not walk
   * the same keys again. Taken back as soon as the member returns, whatever happens.
   */
  private extractOneWalked(
    i: number,
    context: Context,
    carrier: object,
    getter: TextMapGetter,
    names: readonly string[],
  ): Context | undefined {
    beginWalkedCarrier(carrier, names);
    try {
      return this.extractOne(i, context, carrier, getter);
    } finally {
      endWalkedCarrier();
    }
  }

  private reportConflict(found: Array<number | SpanContext>, chosen: number): void {
    // Asked first: on a fleet where every request conflicts, nobody needs most of them (the warning
    // is rate-limited, a stderr printer idle), and no info is built.
    const needs = this.conflicts.needs();
    if (needs === 0) return;
    const extractions: Extraction[] = [];
    let chosenExtraction: Extraction | undefined;
    for (let k = 0; k < found.length; k += 2) {
      const index = found[k] as number;
      const sc = found[k + 1] as SpanContext;
      const e = { propagator: this.extractNames[index], traceId: sc.traceId, spanId: sc.spanId };
      extractions.push(e);
      if (index === chosen) chosenExtraction = e;
    }
    this.conflicts.report(
      {
        extractions,
        chosen: chosenExtraction ?? extractions[extractions.length - 1],
        precedence: this.precedence,
      },
      needs,
    );
  }
}
