import { expect } from 'vitest';
import type { Client } from '../../../test/build-test-app.js';

/** A multipart/form-data body with text fields and one file, as a browser sends it. */
export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const boundary = `----steward${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
    );
    chunks.push(typeof file.content === 'string' ? Buffer.from(file.content) : file.content);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  client: Client,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; content: Buffer | string },
) {
  const m = multipart(fields, file);
  return client.post(url, m.body, m.headers);
}

export type ImportBody = {
  status: string;
  progress: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  processedRows: number;
  stoppedAtRow: number | null;
  errorCount: number;
  errors: { row: number; column: string | null; code: string; message: string }[];
  mapping: Record<string, string>;
  dedupeKey: string | null;
};

/** Waits until the import has finished (succeeded, failed or cancelled). */
export async function waitForImport(client: Client, importId: string, query = ''): Promise<ImportBody> {
  const started = Date.now();
  for (let i = 0; Date.now() - started < 600_000; i++) {
    const res = await client.get(`/api/v1/imports/${importId}${query}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as ImportBody;
    if (['succeeded', 'failed', 'cancelled'].includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, Math.min(50 + i * 10, 500)));
  }
  throw new Error('import did not finish');
}

/** Starts an import and waits for it. */
export async function runImport(
  client: Client,
  fields: Record<string, string>,
  file: { name: string; content: Buffer | string },
  query = '',
) {
  const res = await upload(client, '/api/v1/imports', fields, file);
  expect(res.statusCode, res.body).toBe(202);
  const { importId, jobId } = res.json() as { importId: string; jobId: string };
  expect(jobId).toBeTruthy();
  return { importId, result: await waitForImport(client, importId, query) };
}
