/**
 * Baggage from every member is merged (REQUIREMENTS §7).
 *
 * Baton's baggage-reading members merge into the baggage already in the context themselves
 * (REQUIREMENTS §3 Decision), but core's W3CBaggagePropagator replaces it: with
 * `[Jaeger, W3CBaggage]` core's composite loses every `uberctx-` entry. So after each member the
 * composite checks whether entries disappeared and, if so, puts them back under the member's.
 */
import { propagation, type Baggage, type BaggageEntry, type Context } from '@opentelemetry/api';
import { baggageEntryList, isCaseless } from '@baton/internal';
import { baggageOf } from './keys';

/**
 * Reconciliation step 4, baggage merge: a member turned `before` into `next`; the entries of
 * `before`'s baggage it dropped are put back under its own (see mergeBaggage). Only run for
 * members that did not promise Baton's rules: Baton members merge themselves.
 */
export function restoreDroppedBaggage(before: Context, next: Context): Context {
  const was = baggageOf(before);
  const now = baggageOf(next);
  if (now === was || was === undefined) return next;
  const merged = mergeBaggage(was, now);
  return merged === now ? next : propagation.setBaggage(next, merged);
}

/**
 * The baggage to keep after a member turned `before` into `after`: `after` when it kept every
 * entry of `before` (the usual case — no allocation), otherwise the union, `after` winning per key.
 * A member that removed the baggage altogether gets `before` back.
 */
export function mergeBaggage(before: Baggage, after: Baggage | undefined): Baggage {
  if (after === undefined) return before;
  const old = baggageEntryList(before);
  let missing = false;
  for (let i = 0; i < old.length; i++) {
    if (after.getEntry(old[i][0]) === undefined) {
      missing = true;
      break;
    }
  }
  if (!missing) return after;
  const fresh = baggageEntryList(after);
  // An entry whose key lost its case (Jaeger `uberctx-a`) is not put back beside the member's
  // entry for the same key in its case (`A`): it is the same entry (see @baton/internal mergeBaggage).
  let withCase: Set<string> | undefined;
  for (let i = 0; i < fresh.length; i++) {
    const key: unknown = fresh[i][0];
    if (typeof key === 'string' && !isCaseless(fresh[i][1])) {
      (withCase ??= new Set()).add(key.toLowerCase());
    }
  }
  // No prototype: a baggage key named `__proto__` is an ordinary key here.
  const merged = Object.create(null) as Record<string, BaggageEntry>;
  for (let i = 0; i < old.length; i++) {
    const key = old[i][0];
    const entry = old[i][1];
    if (withCase !== undefined && isCaseless(entry) && withCase.has(String(key).toLowerCase())) {
      continue;
    }
    merged[key] = entry;
  }
  for (let i = 0; i < fresh.length; i++) merged[fresh[i][0]] = fresh[i][1];
  return propagation.createBaggage(merged);
}
