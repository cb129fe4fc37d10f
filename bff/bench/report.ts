/** The Markdown table of a bench run (bench/results/latest.md; the README quotes it). */
import { floodMarkdown } from './flood.ts';
import type { BenchResults } from './results.ts';

const fmt = (value: number | null | undefined, places = 0): string =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(places);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function renderMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const m = r.machine;
  push(
    `# Strefa benchmarks${r.quick ? ' (quick run: harness check only, not comparable)' : ''}`,
    '',
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ` +
      `Node ${m.node}, ${m.os}; load average at start ${m.loadAverageAtStart.join(' / ')} ` +
      `(the machine is shared: compare ratios, not absolute figures).`,
    '',
    `autocannon, ${r.settings.connections} connections, ${r.settings.durationSeconds} s per run after a ` +
      `${r.settings.warmupSeconds} s warm-up; the BFF as a child process (\`node --import tsx bff/src/server.ts\`, ` +
      `SQLite, scrypt logN ${r.settings.scryptLogN}, info logging to a file); the reference is a bare Koa route in the ` +
      `same process answering a JSON body of the same size from memory.`,
    '',
  );

  push('## API throughput, latency and queries per request', '');
  push(
    '| database | endpoint | body | queries (session + data) | req/s | p50 ms | p99 ms | reference req/s | reference p99 ms | ratio |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const db of r.databases) {
    for (const e of db.endpoints) {
      push(
        `| ${db.units} units | ${e.name} (${e.note}) | ${kb(e.bytes)} KB | ${fmt(e.queries)}` +
          (e.sessionQueries === null || e.queries === null
            ? ''
            : ` (${e.sessionQueries} + ${e.queries - e.sessionQueries})`) +
          ` | ` +
          `${fmt(e.load?.rps)} | ${fmt(e.load?.p50)} | ${fmt(e.load?.p99)} | ${fmt(e.reference?.rps)} | ` +
          `${fmt(e.reference?.p99)} | ${fmt(e.ratio, 2)} |`,
      );
    }
  }
  push('');

  push('## Server CPU time per request', '');
  push(
    "The BFF's own CPU time (user + system, from /proc) over each run divided by the requests it answered: " +
      'what one request costs, much less disturbed than requests per second by other work on a shared machine. ' +
      '"Beyond the session" subtracts the cost of `GET /session`, which authenticates and returns no billing data.',
    '',
    '| database | endpoint | CPU µs per request | reference CPU µs | CPU ratio | beyond the session µs |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  );
  for (const db of r.databases) {
    const session = db.endpoints.find((e) => e.name === 'session')?.load?.cpuUsPerRequest ?? null;
    for (const e of db.endpoints) {
      const cpu = e.load?.cpuUsPerRequest ?? null;
      const beyond = cpu !== null && session !== null && e.name !== 'session' ? cpu - session : null;
      push(
        `| ${db.units} units | ${e.name} | ${fmt(cpu)} | ${fmt(e.reference?.cpuUsPerRequest)} | ` +
          `${fmt(e.cpuRatio, 2)} | ${fmt(beyond)} |`,
      );
    }
  }
  push('');

  if (r.databases.length > 1) {
    const [small, large] = [r.databases[0]!, r.databases.at(-1)!];
    push(`## From ${small.units} to ${large.units} units`, '');
    push(
      `| endpoint | p50 ms (${small.units}) | p50 ms (${large.units}) | p99 ms (${small.units}) | p99 ms (${large.units}) | req/s (${small.units}) | req/s (${large.units}) |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const e of large.endpoints) {
      const s = small.endpoints.find((x) => x.name === e.name);
      push(
        `| ${e.name} | ${fmt(s?.load?.p50)} | ${fmt(e.load?.p50)} | ${fmt(s?.load?.p99)} | ${fmt(e.load?.p99)} | ` +
          `${fmt(s?.load?.rps)} | ${fmt(e.load?.rps)} |`,
      );
    }
    push('');
  }

  push('## Databases and memory', '');
  push(
    '| units × years | file | rows | generated in | login (scrypt) | RSS at rest | RSS after the load | peak RSS |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const db of r.databases) {
    const rows = Object.entries(db.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
      .join(', ');
    push(
      `| ${db.units} × ${db.years} | ${db.sizeMiB} MiB | ${rows} | ${db.generatedSeconds === null ? 'reused' : `${db.generatedSeconds} s`} | ` +
        `${db.loginMs} ms | ${db.memory.restMiB} MiB | ${db.memory.afterLoadMiB} MiB | ${db.memory.peakMiB} MiB |`,
    );
  }
  push('');

  if (r.storm) {
    const s = r.storm;
    push(
      `## Login storm (${r.settings.logins} concurrent logins, ${s.units} units, data endpoints loaded)`,
      '',
    );
    push(
      '| logins | in | logins/s | login p50 ms | login p99 ms | answers | data p99 ms during | data p99 ms without | data req/s during | data req/s without |',
      '| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
      `| ${s.logins} | ${s.seconds.toFixed(1)} s | ${s.loginsPerSecond.toFixed(1)} | ${fmt(s.loginP50)} | ${fmt(s.loginP99)} | ` +
        `${Object.entries(s.statuses)
          .map(([status, n]) => `${n}× ${status}`)
          .join(', ')} | ${fmt(s.dataDuringStorm.p99)} | ${fmt(s.dataWithoutStorm.p99)} | ` +
        `${fmt(s.dataDuringStorm.rps)} | ${fmt(s.dataWithoutStorm.rps)} |`,
      '',
    );
  }

  if (r.flood) push(...floodMarkdown(r.flood));
  if (r.knexPath) {
    const k = r.knexPath;
    push(
      `## The knex path (${k.units} units, DB_QUERY_RUNNER=knex)`,
      '',
      'The read queries built and run by knex on every request, as on Oracle, against the direct SQLite runner ' +
        '(compiled once per shape). Target: at most 1.5× the direct runner’s CPU per request.',
      '',
      '| endpoint | req/s | p99 ms | CPU µs per request | direct runner’s CPU µs | factor |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const e of k.endpoints) {
      push(
        `| ${e.name} | ${fmt(e.rps)} | ${fmt(e.p99)} | ${fmt(e.cpuUsPerRequest)} | ${fmt(e.directCpuUsPerRequest)} | ${fmt(e.cpuFactor, 2)} |`,
      );
    }
    push('');
  }

  if (r.widgets) {
    push('## Widget size (each entry with the chunks it imports)', '');
    push('| entry | files | raw KB | gzip KB | brotli KB |', '| --- | ---: | ---: | ---: | ---: |');
    for (const w of r.widgets) {
      push(`| ${w.entry} | ${w.files.length} | ${kb(w.raw)} | ${kb(w.gzip)} | ${kb(w.brotli)} |`);
    }
    push('');
  }

  if (r.browser) {
    const b = r.browser;
    push(
      `## Time to data in Chromium (${b.units} units)`,
      '',
      `From navigation start to the first frame showing the fee table (Czynsz) of a logged-in resident on ` +
        `\`/strefa-mieszkanca.html\`; median of ${b.runs}` +
        (b.latencyMs ? `, with ${b.latencyMs} ms of network latency emulated on every request.` : '.'),
      '',
      '| cache | median ms | runs ms |',
      '| --- | ---: | --- |',
      `| cold (new browser context) | ${b.coldMedian.toFixed(0)} | ${b.coldMs.map((x) => x.toFixed(0)).join(', ')} |`,
      `| warm (reload) | ${b.warmMedian.toFixed(0)} | ${b.warmMs.map((x) => x.toFixed(0)).join(', ')} |`,
      '',
    );
    // Results written before the floor existed have none.
    if (b.floorMs?.length) {
      push(
        'The same-run reference: the host page alone (`/bench/host-floor.html`: the same page with the ' +
          'table written into its HTML, no widget code), cold, alternately before and after the zone; the ' +
          "zone's own time is each run's cold time less that run's floor.",
        '',
        '| measure | median ms | runs ms |',
        '| --- | ---: | --- |',
        `| host page alone | ${b.floorMedian.toFixed(0)} | ${b.floorMs.map((x) => x.toFixed(0)).join(', ')} |`,
        `| the zone's own (cold − floor) | ${b.ownMedian.toFixed(0)} | ${b.ownMs.map((x) => x.toFixed(0)).join(', ')} |`,
        '',
      );
    }
    if (b.waterfall?.length) {
      push(
        'The requests of the last cold run until the table showed (resource timing, ms after navigation): ' +
          'a request that starts only when another has ended waited for it.',
        '',
        '| request | start | end |',
        '| --- | ---: | ---: |',
        ...b.waterfall.map(
          (w) => `| \`${w.name}\` | ${w.startTime.toFixed(0)} | ${w.responseEnd.toFixed(0)} |`,
        ),
        '',
      );
    }
  }

  const large = r.databases.at(-1);
  if (large?.endpoints.some((e) => e.sql.length)) {
    push(`## The queries of one request (${large.units} units)`, '');
    for (const e of large.endpoints) {
      const lines = e.sql.flatMap((sql, i) => [
        sql + ';',
        ...(e.plans[i] ?? []).map((step) => `--   plan: ${step}`),
      ]);
      push(`**${e.name}** \`${e.path.replace(/\/api\/v1/, '')}\``, '', '```sql', ...lines, '```', '');
    }
  }

  if (r.profiles.length) {
    push('## CPU profiles (self time, largest database)', '');
    for (const p of r.profiles) {
      push(
        `- **${p.endpoint}**: ` +
          p.summary.byModule
            .slice(0, 8)
            .map((x) => `${x.module} ${x.percent}%`)
            .join(', ') +
          `; top functions: ` +
          p.summary.topFunctions
            .slice(0, 5)
            .map((f) => `\`${f.name}\` (${f.where}) ${f.percent}%`)
            .join(', '),
      );
    }
    push('');
  }

  if (r.statements?.length) {
    push('## Yearly statement (PDF)', '');
    push(
      "The busiest unit (most ledger documents in the last whole year), made in process by the endpoint's own code and read to the last byte; and the demo resident's flat over HTTP (time to the last byte). Target: under 500 ms.",
      '',
      '| database | what | pages | size | queries | runs | p50 ms | p95 ms | max ms | CPU p50 / p95 ms |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const s of r.statements) {
      const b = s.busiest;
      push(
        `| ${s.units} units | unit ${b.unitId}, ${b.year}: ${b.documents} documents (in process) | ${b.pages} | ${kb(b.bytes)} KB | ${b.queries} | ${b.timings.runs} | ${b.timings.p50} | ${b.timings.p95} | ${b.timings.max} | ${b.cpuMs.p50} / ${b.cpuMs.p95} |`,
      );
      if (s.http) {
        push(
          `| ${s.units} units | \`${s.http.path.replace(/\/api\/v1/, '')}\` (HTTP, ${s.http.status}) | | ${kb(s.http.bytes)} KB | | ${s.http.timings.runs} | ${s.http.timings.p50} | ${s.http.timings.p95} | ${s.http.timings.max} | |`,
        );
      }
    }
    push('');
  }

  push('## Attention', '');
  if (r.attention.length) for (const line of r.attention) push(`- ${line}`);
  else push('- Nothing over the thresholds (ratio < 0.5, > 3 queries per request, p99 > 50 ms).');
  for (const note of r.notes) push(`- Note: ${note}`);
  push('');
  return lines.join('\n');
}
