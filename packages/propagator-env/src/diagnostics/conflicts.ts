/**
 * Conflicts (two members extracted different traces from one carrier) reaching stderr.
 *
 * The composite reports them through its `onConflict` hook and a rate-limited `diag.warn` — invisible
 * in the preload setup, where no diag logger exists. The resolver therefore passes the composite an
 * `onConflict` that calls the user's hook and, while no diag logger is installed, prints one
 * rate-limited line itself. With a logger, the composite's own warning is the line (no duplicate).
 */
import type { ConflictInfo } from '@baton/propagator-composite';
import { diagLoggerInstalled } from '../notice';
import { GuardedHook, Sink, Slot, suppressedText } from './report';

/** The composite's HOOK_IDLE promise key (a `Symbol.for`, so no runtime import is needed). */
const HOOK_IDLE = Symbol.for('@baton/propagator-composite onConflict idle');

export function conflictPrinter(
  userHook: ((info: ConflictInfo) => void) | undefined,
  sink: Sink,
  intervalMs: number,
): (info: ConflictInfo) => void {
  const slot = new Slot(intervalMs);
  // Guarded here, not left to the composite: its report of a throwing hook goes to diag only
  // (silent without a logger), and the line below would be skipped.
  const hook = new GuardedHook('onConflict', userHook);
  const log = (message: string): void => sink.log(message);
  const printer = (info: ConflictInfo): void => {
    hook.call(info, log);
    // The clock first: on a fleet where every request conflicts, most calls stop here.
    const suppressed = slot.take();
    if (suppressed < 0 || diagLoggerInstalled()) return;
    const found = info.extractions.map((e) => `${e.propagator} trace ${e.traceId}`).join(', ');
    sink.log(
      `@baton/propagator-env: one request carried different traces (${found}); continuing ` +
        `${info.chosen.traceId} from ${info.chosen.propagator} (precedence '${info.precedence}'). ` +
        `A proxy or an old client rewrote one header family; the other trace breaks here.` +
        suppressedText(suppressed),
    );
  };
  if (userHook === undefined) {
    // The composite asks this before it builds a ConflictInfo (HOOK_IDLE in
    // @baton/propagator-composite's conflict.ts): with no user hook, a rate-limited line means
    // there is nothing to do, and the composite skips building the info (the diagnostics' cost
    // on a fleet whose every request conflicts; issue 14: at most +5%). The slot counts it as
    // suppressed, exactly as take() would have.
    const idle = (): boolean => {
      if (slot.suppresses()) return true;
      if (!diagLoggerInstalled()) return false; // a line is due: call the printer
      slot.take(); // what the printer would do with a logger installed: restart the slot, print nothing
      return true;
    };
    (printer as unknown as Record<symbol, unknown>)[HOOK_IDLE] = idle;
  }
  return printer;
}
