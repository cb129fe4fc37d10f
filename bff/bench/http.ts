/** A minimal logged-in client for the harness: the session cookie, JSON, and the bench headers. */

export interface Fetched<T = unknown> {
  status: number;
  body: T;
  bytes: number;
  queryCount: number | null;
  queryMs: number | null;
  ms: number;
  headers: Headers;
}

export class BenchClient {
  cookie = '';

  constructor(readonly base: string) {}

  async login(login: string, password: string): Promise<Fetched> {
    const response = await this.send('POST', '/api/v1/session', { login, password });
    if (response.status !== 200) {
      throw new Error(`login as ${login} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response;
  }

  get<T = unknown>(path: string): Promise<Fetched<T>> {
    return this.send<T>('GET', path);
  }

  async send<T = unknown>(method: string, path: string, body?: unknown): Promise<Fetched<T>> {
    const started = performance.now();
    const response = await fetch(this.base + path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        // The origin check applies to every non-GET request, as a browser would pass it.
        ...(method !== 'GET' ? { Origin: this.base } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = Buffer.from(await response.arrayBuffer());
    const ms = performance.now() - started;
    const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
    if (cookies.length) {
      const jar = new Map(
        this.cookie
          .split('; ')
          .filter(Boolean)
          .map((pair) => [pair.split('=')[0]!, pair] as const),
      );
      for (const pair of cookies) jar.set(pair.split('=')[0]!, pair);
      this.cookie = [...jar.values()].filter((pair) => !pair.endsWith('=')).join('; ');
    }
    let parsed: unknown = raw.toString('utf8');
    try {
      parsed = JSON.parse(parsed as string);
    } catch {
      // not JSON: keep the text
    }
    const count = response.headers.get('x-query-count');
    const queryMs = response.headers.get('x-query-ms');
    return {
      status: response.status,
      body: parsed as T,
      bytes: raw.length,
      queryCount: count === null ? null : Number(count),
      queryMs: queryMs === null ? null : Number(queryMs),
      ms,
      headers: response.headers,
    };
  }
}
