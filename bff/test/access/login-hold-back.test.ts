/**
 * LoginLimits.holdBack: an address refused again and again within a minute is answered ever more
 * slowly (50 ms more per refusal, up to a second), so a client that signs in again as soon as it
 * is answered sends a few attempts a second; a resident refused once, another address, and the
 * next minute wait nothing; and the held answers are capped, so a flood of refusals cannot pile
 * up timers without end. Fake timers: the test measures the waits without spending them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginLimits } from '../../src/services/login-limits.ts';
import type { ServiceContext } from '../../src/services/context.ts';

let clock: number;
let limits: LoginLimits;

beforeEach(() => {
  vi.useFakeTimers();
  clock = Date.UTC(2026, 10, 27, 12, 0, 0);
  // holdBack reads only the clock; the rest of the context belongs to the database-backed limits.
  limits = new LoginLimits({ now: () => clock } as unknown as ServiceContext);
});
afterEach(() => {
  vi.useRealTimers();
});

/** How long (in 10 ms steps of the fake clock) one refusal to `ip` is held back. */
async function heldFor(ip: string | null): Promise<number> {
  let done = false;
  const held = limits.holdBack(ip).then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  let waited = 0;
  while (!done) {
    await vi.advanceTimersByTimeAsync(10);
    waited += 10;
    if (waited > 5_000) throw new Error('held back for more than five seconds');
  }
  await held;
  return waited;
}

describe('LoginLimits.holdBack', () => {
  it('holds each refusal within the minute 50 ms longer than the last, up to a second', async () => {
    const waits: number[] = [];
    for (let refusal = 1; refusal <= 25; refusal++) waits.push(await heldFor('203.0.113.7'));
    expect(waits.slice(0, 5)).toEqual([0, 50, 100, 150, 200]);
    expect(waits[20]).toBe(1_000);
    expect(waits.slice(21)).toEqual([1_000, 1_000, 1_000, 1_000]);
  });

  it('does not hold a resident refused once, another address, or the same address a minute on', async () => {
    for (let refusal = 0; refusal < 10; refusal++) await heldFor('203.0.113.7');
    expect(await heldFor('203.0.113.7')).toBe(500);
    expect(await heldFor('198.51.100.23')).toBe(0);
    // An address the BFF could not read counts as one of its own, not as everyone's.
    expect(await heldFor(null)).toBe(0);
    clock += 60_000;
    expect(await heldFor('203.0.113.7')).toBe(0);
    expect(await heldFor('203.0.113.7')).toBe(50);
  });

  it('holds at most 512 answers at once: beyond them, refusals go out at once', async () => {
    for (let refusal = 0; refusal < 4; refusal++) await heldFor('203.0.113.7');
    let released = 0;
    const held = Array.from({ length: 512 }, () =>
      limits.holdBack('203.0.113.7').then(() => {
        released += 1;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toBe(0);
    // The 513th, however often refused, is not held.
    expect(await heldFor('203.0.113.7')).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(held);
    expect(released).toBe(512);
    // With the held ones gone, the next refusal is held again (the minute's count keeps growing).
    expect(await heldFor('203.0.113.7')).toBe(1_000);
  });
});
