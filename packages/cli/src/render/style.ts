/**
 * Colour for people, plain text for everything else: styles apply only when stdout is a terminal
 * that has colours, and never with NO_COLOR set (https://no-color.org). FORCE_COLOR (non-zero)
 * turns them on without a terminal (NO_COLOR still wins). Colouring is Node's util.styleText.
 */
import { styleText } from 'node:util';

export interface Style {
  ok(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

type StreamLike = { isTTY?: boolean; hasColors?: () => boolean };

export function colourEnabled(stream: StreamLike, env: NodeJS.ProcessEnv): boolean {
  // NO_COLOR wins over everything: a user who set it never gets escape codes.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (stream.isTTY !== true) return false;
  try {
    return typeof stream.hasColors === 'function' ? stream.hasColors() : true;
  } catch {
    return false;
  }
}

const plain = (s: string): string => s;

export function makeStyle(enabled: boolean): Style {
  if (!enabled) return { ok: plain, bad: plain, warn: plain, dim: plain, bold: plain };
  return {
    ok: (s) => styleText('green', s),
    bad: (s) => styleText('red', s),
    warn: (s) => styleText('yellow', s),
    dim: (s) => styleText('dim', s),
    bold: (s) => styleText('bold', s),
  };
}
