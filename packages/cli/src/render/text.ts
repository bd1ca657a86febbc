/** Layout helpers for the human output: every line fits 100 columns. */

export const WIDTH = 100;

/** `s` cut to `n` columns with an ellipsis. */
export function fit(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, Math.max(0, n - 1)) + '…';
}

/** Control characters shown visibly, so a pasted value cannot move the cursor. */
export function visible(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/**
 * The value around `position`, and a caret line under the character at fault. Long values show a
 * window of `width` columns; control characters are escaped before measuring (so the caret stays
 * under its character only when there are none — good enough for headers, which have none).
 */
export function pointer(value: string, position: number, width: number): [string, string] {
  const v = visible(value);
  if (position < 0) return [fit(v, width), ''];
  let start = 0;
  if (v.length > width)
    start = Math.max(0, Math.min(position - Math.floor(width / 2), v.length - width + 1));
  const prefix = start > 0 ? '…' : '';
  let shown = prefix + v.slice(start, start + width - prefix.length);
  if (start + width - prefix.length < v.length) shown = shown.slice(0, -1) + '…';
  const caretAt = prefix.length + position - start;
  return [shown, ' '.repeat(Math.max(0, caretAt)) + '^'];
}

/** `label` padded to `n`, then `text`, cut to fit the line. */
export function row(indent: number, label: string, n: number, text: string): string {
  return fit(' '.repeat(indent) + label.padEnd(n) + ' ' + text, WIDTH);
}

/** `text` word-wrapped to `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  const lead = text.length - text.trimStart().length;
  let line = ' '.repeat(lead);
  for (const word of text.trimStart().split(' ')) {
    if (line.length > lead && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line = line.length === lead ? line + word : line + ' ' + word;
    }
  }
  if (line.length > lead) lines.push(line);
  return lines.map((l) => fit(l, width));
}
