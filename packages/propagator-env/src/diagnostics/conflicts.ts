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
import { Sink, Slot, suppressedText } from './report';

export function conflictPrinter(
  userHook: ((info: ConflictInfo) => void) | undefined,
  sink: Sink,
  intervalMs: number,
): (info: ConflictInfo) => void {
  const slot = new Slot(intervalMs);
  return (info) => {
    if (userHook !== undefined) userHook(info); // the composite catches what it throws
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
}
