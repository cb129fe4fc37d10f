/**
 * A bounded queue for expensive work (scrypt at logN 17 takes ~128 MiB and a good part of a
 * core): at most `concurrency` jobs run at once and at most `maxWaiting` wait. A flood of logins
 * therefore cannot exhaust memory or starve every other request; beyond the waiting line the
 * caller is told at once to come back later instead of piling up sockets.
 */

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('queue full');
    this.name = 'QueueFullError';
  }
}

export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
    /** What to tell a refused caller (seconds), roughly the time the line takes to drain. */
    readonly retryAfterSeconds = 1,
  ) {
    if (concurrency < 1) throw new RangeError('concurrency must be at least 1');
  }

  /** Jobs running now. */
  get active(): number {
    return this.running;
  }

  /** Jobs waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `job` when a slot is free; throws QueueFullError at once when the line is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError(this.retryAfterSeconds);
      // The slot is handed over by release(), so `running` never drops below the line's needs.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
