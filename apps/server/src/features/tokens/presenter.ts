import type { ApiTokenOut } from '@steward/contracts';
import type { TokenRow } from './repo.js';

export function presentToken(row: TokenRow, userName: string | null, now: Date): ApiTokenOut {
  const status = row.revokedAt
    ? 'revoked'
    : row.expiresAt && row.expiresAt <= now
      ? 'expired'
      : ('active' as const);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    userId: row.userId,
    userName,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status,
  };
}
