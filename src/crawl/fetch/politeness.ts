/** A counting semaphore; waiters are served in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    };
  }
}

export interface PolitenessOptions {
  globalConcurrency: number;
  perHostConcurrency: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/**
 * Admits requests so that no host sees more than `perHostConcurrency` at once, within a global
 * concurrency limit. Consecutive requests to one host start at least `delayMs` apart, and none
 * starts sooner than `delayMs` after the previous one finished: spacing measured from the start
 * alone would let a slow first request (connection set-up, a loaded client) arrive at the server
 * just before the next.
 */
export class PolitenessGate {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, { slots: Semaphore; nextStart: number }>();

  constructor(private readonly options: PolitenessOptions) {
    this.global = new Semaphore(options.globalConcurrency);
  }

  /** Waits for a turn at `host`; call the returned function when the request is over. */
  async enter(host: string, delayMs: number): Promise<() => void> {
    let state = this.hosts.get(host);
    if (!state) {
      state = { slots: new Semaphore(this.options.perHostConcurrency), nextStart: 0 };
      this.hosts.set(host, state);
    }
    const releaseHost = await state.slots.acquire();
    // Reserve the start time before sleeping, so concurrent entrants line up behind it.
    const now = this.options.now();
    const start = Math.max(now, state.nextStart);
    state.nextStart = start + delayMs;
    if (start > now) await this.options.sleep(start - now);
    // The host slot is taken first so a global slot is never held idle through a host delay.
    const releaseGlobal = await this.global.acquire();
    const hostState = state;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      hostState.nextStart = Math.max(hostState.nextStart, this.options.now() + delayMs);
      releaseGlobal();
      releaseHost();
    };
  }
}
