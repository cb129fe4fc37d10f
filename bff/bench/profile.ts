/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and ranks where the time went: self time per
 * function and per package / source file, so a slow endpoint's cause can be named precisely.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  topFunctions: Array<{ name: string; where: string; selfMs: number; percent: number }>;
  byModule: Array<{ module: string; selfMs: number; percent: number }>;
}

/** `node_modules/knex/lib/…` → `knex`; `/bff/src/services/x.ts` → `bff/src/services/x.ts`. */
function moduleOf(url: string): string {
  if (!url) return '(native / V8)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return url;
  const own = /\/((?:bff|packages)\/.*)$/.exec(url);
  return own ? own[1]! : url;
}

/** Now on the clock V8 stamps profiles with (CLOCK_MONOTONIC, µs): the same in every process. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * `window` (from `monotonicMicros()` in the harness) keeps only the samples taken while the load
 * ran, leaving out the server's start-up (module loading, tsx compiling) and shutdown.
 */
export function summariseProfile(
  file: string,
  top = 25,
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  let firstUs = Infinity;
  let lastUs = -Infinity;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    firstUs = Math.min(firstUs, at);
    lastUs = Math.max(lastUs, at);
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  }
  const totalMs = window
    ? Math.max(0, lastUs - firstUs) / 1000
    : (profile.endTime - profile.startTime) / 1000;
  let idleMs = 0;
  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  const modules = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') {
      if (frame.functionName === '(idle)') idleMs += ms;
    }
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${moduleOf(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, selfMs: 0 };
    entry.selfMs += ms;
    functions.set(key, entry);
    const module = frame.url ? moduleOf(frame.url) : name.startsWith('(') ? name : '(native / V8)';
    modules.set(module, (modules.get(module) ?? 0) + ms);
  }
  const busy = Math.max(1, totalMs - idleMs);
  return {
    totalMs,
    idleMs,
    topFunctions: [...functions.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({
        ...f,
        selfMs: Math.round(f.selfMs),
        percent: Math.round((f.selfMs / busy) * 1000) / 10,
      })),
    byModule: [...modules.entries()]
      .filter(([module]) => module !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, ms]) => ({
        module,
        selfMs: Math.round(ms),
        percent: Math.round((ms / busy) * 1000) / 10,
      })),
  };
}
