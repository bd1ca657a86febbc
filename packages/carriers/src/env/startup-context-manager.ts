/**
 * A `ContextManager` that wraps the real one (the SDK's `AsyncLocalStorageContextManager`) and
 * answers `active()` with the process's startup context wherever the real one has nothing active.
 *
 * Why this shape: the SDK's manager keeps the active context in an `AsyncLocalStorage` whose store
 * is empty in the main module and in everything it schedules; `active()` then returns `ROOT_CONTEXT`.
 * Filling that one gap makes every root span of the process a child of the context it was started
 * with, while any context that something entered explicitly — the HTTP instrumentation's server span
 * for a request that carried its own `traceparent`, a `context.with(...)` — is returned unchanged:
 * the request's own context wins.
 *
 * Consequence worth knowing: the HTTP instrumentation extracts each request into `ROOT_CONTEXT` and
 * passes that context explicitly, so a request WITHOUT trace headers still starts a trace of its own
 * (it does not join the startup trace). Code that runs `context.with(ROOT_CONTEXT, fn)` gets the
 * startup context inside `fn`; start a span with `{ root: true }` to begin a new trace there.
 */
import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { Context, ContextManager } from '@opentelemetry/api';

/** Holds the startup context; shared so a later `joinEnvironmentContext()` can replace it. */
export interface StartupSource {
  startup: Context;
}

export class StartupContextManager implements ContextManager {
  constructor(
    readonly inner: ContextManager,
    private readonly source: StartupSource,
  ) {}

  active(): Context {
    const active = this.inner.active();
    return active === ROOT_CONTEXT ? this.source.startup : active;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.inner.with(context, fn, thisArg, ...args);
  }

  bind<T>(context: Context, target: T): T {
    return this.inner.bind(context, target);
  }

  enable(): this {
    this.inner.enable();
    return this;
  }

  disable(): this {
    this.inner.disable();
    return this;
  }
}
