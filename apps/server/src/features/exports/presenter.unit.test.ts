import { describe, expect, it } from 'vitest';
import { presentExport } from './presenter.js';
import type { ExportJobRow } from './repo.js';

const row = (over: Partial<ExportJobRow>) =>
  ({
    id: '0193c1d2-0000-7000-8000-000000000001',
    options: { list: 'customers', format: 'csv', filters: {} },
    status: 'succeeded',
    progress: 1,
    result: { rows: 3 },
    error: null,
    createdAt: new Date('2026-12-01T02:00:00Z'),
    finishedAt: new Date('2026-12-01T02:00:05Z'),
    ...over,
  }) as unknown as ExportJobRow;

describe('presentExport', () => {
  it('offers the download until the retention ends, and not after', () => {
    const done = row({});
    const before = presentExport(done, 7, new Date('2026-12-08T02:00:04Z'));
    expect(before.expiresAt).toBe('2026-12-08T02:00:05.000Z');
    expect(before.downloadUrl).toBe(`/api/v1/exports/${done.id}/download`);
    expect(presentExport(done, 7, new Date('2026-12-08T02:00:05Z')).downloadUrl).toBeNull();
    expect(presentExport(done, 30, new Date('2026-12-08T02:00:05Z')).downloadUrl).not.toBeNull();
  });

  it('has no expiry nor link while the export runs or after it failed', () => {
    const now = new Date('2026-12-01T03:00:00Z');
    for (const status of ['running', 'failed'])
      expect(presentExport(row({ status, finishedAt: null }), 7, now)).toMatchObject({
        expiresAt: null,
        downloadUrl: null,
      });
  });
});
