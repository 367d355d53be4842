import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseSignatureHeader, signedContent, timestampFresh } from '@steward/core';

export type Received = { path: string; headers: IncomingHttpHeaders; body: string; status: number };

/**
 * A webhook receiver for tests on 127.0.0.1 (random port). `/ok/<key>` answers 200;
 * `/fail/<n>/<key>` answers 500 to the first n requests of that key, then 200; `/down/<key>`
 * always 500.
 */
export class TestReceiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  private seen = new Map<string, number>();
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const count = (this.seen.get(path) ?? 0) + 1;
        this.seen.set(path, count);
        const [, kind, n] = path.split('/');
        const status = kind === 'down' ? 500 : kind === 'fail' && count <= Number(n) ? 500 : 200;
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status,
        });
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? `ok ${count}` : `boom ${count}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `path` has received at least `n` requests (or fails after `ms`). */
  async waitFor(path: string, n: number, ms = 15_000) {
    const until = Date.now() + ms;
    while (this.at(path).length < n) {
      if (Date.now() > until) throw new Error(`${path}: ${this.at(path).length} of ${n} requests`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.at(path);
  }
}

/** What a receiver must do: check the timestamp and the HMAC-SHA256 of "<t>.<body>" with the secret. */
export function verifySignature(r: Received, secret: string, nowMs = Date.now()): boolean {
  const header = r.headers['x-steward-signature'];
  const parsed = typeof header === 'string' ? parseSignatureHeader(header) : null;
  if (!parsed || !timestampFresh(parsed.timestamp, nowMs)) return false;
  if (String(parsed.timestamp) !== r.headers['x-steward-timestamp']) return false;
  const expected = createHmac('sha256', secret).update(signedContent(parsed.timestamp, r.body)).digest();
  return parsed.signatures.some((s) => {
    const got = Buffer.from(s, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
