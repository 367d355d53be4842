import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DELIVERY_POLICY,
  capabilityOf,
  isValidScope,
  missingScope,
  parseSignatureHeader,
  retryDelayMs,
  scopeAllows,
  signatureHeader,
  timestampFresh,
  truncateResponse,
} from './index.js';

describe('token scopes', () => {
  it('validates scope names', () => {
    expect(isValidScope('read')).toBe(true);
    expect(isValidScope('write')).toBe(true);
    expect(isValidScope('customers:read')).toBe(true);
    expect(isValidScope('kpis:write')).toBe(true);
    expect(isValidScope('customers')).toBe(false);
    expect(isValidScope('nothing:read')).toBe(false);
    expect(isValidScope('customers:read:x')).toBe(false);
    expect(isValidScope('admin')).toBe(false);
  });

  it('maps paths to capabilities, sub-resources first', () => {
    expect(capabilityOf('/api/v1/customers')).toBe('customers');
    expect(capabilityOf('/api/v1/customers/123?limit=5')).toBe('customers');
    expect(capabilityOf('/api/v1/customers/123/contacts')).toBe('customers');
    expect(capabilityOf('/api/v1/customers/123/assign')).toBe('assignment');
    expect(capabilityOf('/api/v1/customers/123/orders')).toBe('orders');
    expect(capabilityOf('/api/v1/orders/bulk')).toBe('orders');
    expect(capabilityOf('/api/v1/kpis?subject=organization')).toBe('kpis');
    expect(capabilityOf('/api/v1/settings/sla-policy')).toBe('complaints');
    expect(capabilityOf('/api/v1/settings/whatever')).toBe('settings');
    expect(capabilityOf('/api/v1/customersx')).toBeNull();
    expect(capabilityOf('/api/v1/api-tokens')).toBeNull();
  });

  it('allows reads with read scopes and writes only with write scopes', () => {
    expect(scopeAllows(['read'], 'GET', '/api/v1/customers')).toBe(true);
    expect(scopeAllows(['read'], 'POST', '/api/v1/customers')).toBe(false);
    expect(scopeAllows(['write'], 'POST', '/api/v1/customers')).toBe(true);
    expect(scopeAllows(['write'], 'GET', '/api/v1/tasks')).toBe(true);
    expect(scopeAllows(['customers:read'], 'GET', '/api/v1/customers/1')).toBe(true);
    expect(scopeAllows(['customers:read'], 'GET', '/api/v1/tasks')).toBe(false);
    expect(scopeAllows(['customers:read'], 'PATCH', '/api/v1/customers/1')).toBe(false);
    expect(scopeAllows(['customers:write'], 'PATCH', '/api/v1/customers/1')).toBe(true);
    expect(scopeAllows(['customers:write'], 'GET', '/api/v1/customers/1')).toBe(true);
    expect(scopeAllows(['customers:write'], 'POST', '/api/v1/customers/1/assign')).toBe(false);
    expect(scopeAllows(['tasks:read'], 'GET', '/api/v1/me')).toBe(true);
    expect(scopeAllows(['tasks:write'], 'GET', '/api/v1/api-tokens')).toBe(false);
    expect(scopeAllows([], 'GET', '/api/v1/customers')).toBe(false);
  });

  it("an export needs the exported list's capability, not the imports one", () => {
    expect(scopeAllows(['imports:read'], 'GET', '/api/v1/exports/customers.csv')).toBe(false);
    expect(scopeAllows(['customers:read'], 'GET', '/api/v1/exports/customers.xlsx?tier=A')).toBe(true);
    expect(scopeAllows(['customers:read'], 'GET', '/api/v1/exports/tasks.csv')).toBe(false);
    expect(scopeAllows(['tasks:read'], 'GET', '/api/v1/exports/tasks.csv')).toBe(true);
    expect(scopeAllows(['assignment:read'], 'GET', '/api/v1/exports/pool.csv')).toBe(true);
    // Async exports name their list in the body: only the global scopes reach them.
    expect(scopeAllows(['customers:write'], 'POST', '/api/v1/exports')).toBe(false);
    expect(scopeAllows(['write'], 'POST', '/api/v1/exports')).toBe(true);
  });

  it('names the missing scope', () => {
    expect(missingScope('POST', '/api/v1/customers')).toBe('customers:write');
    expect(missingScope('GET', '/api/v1/tasks')).toBe('tasks:read');
    expect(missingScope('DELETE', '/api/v1/unknown')).toBe('write');
  });
});

describe('webhook delivery', () => {
  const policy = { ...DEFAULT_DELIVERY_POLICY, retryBaseMs: 60_000, retryCapMs: 600_000, maxAttempts: 8 };

  it('backs off exponentially, capped, and stops after the last attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => retryDelayMs(a, policy))).toEqual([
      60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000,
    ]);
    expect(retryDelayMs(8, policy)).toBeNull();
    expect(retryDelayMs(9, policy)).toBeNull();
  });

  it('writes and reads the signature header', () => {
    const hex = 'ab'.repeat(32);
    const header = signatureHeader(1_700_000_000, hex);
    expect(header).toBe(`t=1700000000,v1=${hex}`);
    expect(parseSignatureHeader(header)).toEqual({ timestamp: 1_700_000_000, signatures: [hex] });
    expect(parseSignatureHeader('v1=' + hex)).toBeNull();
    expect(parseSignatureHeader('t=abc,v1=' + hex)).toBeNull();
    expect(parseSignatureHeader('t=1,v1=xyz')).toBeNull();
  });

  it('checks the timestamp tolerance', () => {
    expect(timestampFresh(1000, 1_000_000)).toBe(true);
    expect(timestampFresh(1000, 1_301_000)).toBe(false);
    expect(timestampFresh(1000, 1_299_000)).toBe(true);
  });

  it('truncates long responses', () => {
    expect(truncateResponse('abc', 5)).toBe('abc');
    expect(truncateResponse('abcdefgh', 5)).toBe('abcde…');
  });
});
