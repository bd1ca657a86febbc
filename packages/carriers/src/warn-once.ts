/**
 * A configuration problem found on the request path: reported once per kind, on stderr, with the fix,
 * and never thrown (DESIGN: "Nothing the user needs to know is silent").
 */
const reported = new Set<string>();

export function warnOnce(kind: string, message: string): void {
  if (reported.has(kind)) return;
  reported.add(kind);
  try {
    console.error(message);
  } catch {
    // stderr closed.
  }
}

/** For tests: forget what was reported. */
export function resetWarnOnce(): void {
  reported.clear();
}
