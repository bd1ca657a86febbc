/**
 * The reconciliation of one composite extract: what the composite keeps of each member's output.
 *
 * Members run in order, each on the previous member's context. After each member that changed the
 * context, `step` applies the rules in order, each in a file of its own:
 *
 *   1. valid-replaces-invalid (valid.ts)       an invalid span context never replaces the previous one
 *   2. precedence (precedence.ts)              'first': the first valid span context stays
 *   4. baggage merge (../baggage.ts)           entries a foreign member dropped are put back
 *   5. debug binding (../debug.ts)             the official B3 flag is bound to its span context
 *
 * and `finish`, once after the last member:
 *
 *   3. tracestate and flags carry-over (carry-over.ts)   'last': what earlier extractions of the
 *                                                        same ids knew is kept on the final one;
 *                                                        both: what the input context's span
 *                                                        context of the same ids knew
 *   5. debug binding                                     an official flag whose trace lost is dropped
 *
 * A new rule is a new step here, in one place. Everything a step decides is held as pending and
 * committed by `commit` once the member's whole step succeeded, so a throw half-way (a foreign span
 * or baggage object misbehaving) leaves the reconciliation as it was.
 *
 * One object per extract, made only when a member changes the context: a request whose headers
 * no member reads costs nothing here.
 */
import type { Context, Span, SpanContext } from '@opentelemetry/api';
import { restoreDroppedBaggage } from '../baggage';
import { bindOfficialDebug, changedOfficialDebug } from '../debug';
import { spanOf } from '../keys';
import { carryOver, hasFlagsBeyondSampled, hasTraceState } from './carry-over';
import { keepWinner } from './precedence';
import { rejectSpan, validExtraction } from './valid';

export class Reconciliation {
  /** The span in the context so far (members' outputs are compared with it by reference). */
  private span: Span | undefined;
  /** The input context's span: its tracestate and flags count as an earlier extraction. */
  private readonly inputSpan: Span | undefined;
  /** Precedence 'first': the span of the first valid extraction. */
  private winner: Span | undefined;
  /** The latest valid extraction (its ids are known to be valid). */
  private lastExtracted: SpanContext | undefined;
  /** The latest extraction that carried a tracestate / flag bits beyond sampled. */
  private withState: SpanContext | undefined;
  private withFlags: SpanContext | undefined;
  /** The trace id of the span in the context when a member last changed the official B3 flag. */
  private debugTrace: string | undefined;

  /** Index of the member whose span context the context holds; -1 when none extracted one. */
  chosen = -1;
  /** Every valid extraction, flat: [member index, span context, …] (for the conflict report). */
  found: Array<number | SpanContext> | undefined;
  /** True when two members extracted different trace ids. */
  conflict = false;

  // The step in progress, committed by commit().
  private nextSpan: Span | undefined;
  private nextWinner: Span | undefined;
  private extracted: SpanContext | undefined;
  private nextDebugTrace: string | undefined;

  /** `input`: the context before the first member that changed it. */
  constructor(
    input: Context,
    private readonly first: boolean,
    private readonly watchOfficialDebug: boolean,
  ) {
    this.span = this.inputSpan = spanOf(input);
  }

  /** A member turned `before` into the different context `next`: the context to go on with. */
  step(before: Context, next: Context, trusted: boolean): Context {
    this.nextSpan = this.span;
    this.nextWinner = this.winner;
    this.extracted = undefined;
    this.nextDebugTrace = this.debugTrace;
    const memberSpan = spanOf(next);
    if (memberSpan !== this.span) next = this.chooseSpan(before, next, memberSpan, trusted);
    if (!trusted) next = restoreDroppedBaggage(before, next);
    if (this.watchOfficialDebug && changedOfficialDebug(before, next)) {
      const span = this.nextSpan;
      this.nextDebugTrace = span === undefined ? undefined : span.spanContext().traceId;
    }
    return next;
  }

  /** Steps 1 and 2 for a member that set a span of its own. */
  private chooseSpan(
    before: Context,
    next: Context,
    memberSpan: Span | undefined,
    trusted: boolean,
  ): Context {
    const sc = validExtraction(memberSpan, trusted, this.lastExtracted);
    if (sc === undefined) return rejectSpan(before, next, this.span);
    this.extracted = sc;
    if (this.first && this.winner !== undefined) {
      next = keepWinner(before, next, this.winner, sc);
      this.nextSpan = this.nextWinner = spanOf(next);
    } else {
      this.nextSpan = memberSpan;
      if (this.first) this.nextWinner = memberSpan;
    }
    return next;
  }

  /** The step of member `index` succeeded: its decisions become the state. */
  commit(index: number): void {
    const sc = this.extracted;
    if (sc !== undefined) {
      if (this.found === undefined) {
        this.found = [index, sc];
      } else {
        if (sc.traceId !== (this.found[1] as SpanContext).traceId) this.conflict = true;
        this.found.push(index, sc);
      }
      if (!this.first || this.winner === undefined) this.chosen = index;
      if (hasTraceState(sc)) this.withState = sc;
      if (hasFlagsBeyondSampled(sc)) this.withFlags = sc;
      this.lastExtracted = sc;
    }
    this.span = this.nextSpan;
    this.winner = this.nextWinner;
    this.debugTrace = this.nextDebugTrace;
  }

  /** After the last member: steps 3 and 5 on the final context `ctx` of an extract from `input`. */
  finish(input: Context, ctx: Context): Context {
    const span = this.span;
    if (this.chosen >= 0 && span !== undefined) {
      const inputSc = this.inputSpan === undefined ? undefined : this.inputSpan.spanContext();
      // 'first': keepWinner carried what later extractions of the winner's ids knew; what the
      // input context's span context knew is carried here, as for 'last'.
      ctx = carryOver(
        ctx,
        span.spanContext(),
        this.first ? inputSc : (this.withState ?? inputSc),
        this.first ? inputSc : (this.withFlags ?? inputSc),
      );
    }
    if (this.watchOfficialDebug) ctx = bindOfficialDebug(input, ctx, span, this.debugTrace);
    return ctx;
  }
}
