import type { DedupeKey, DedupeMode, ImportErrorCode, ImportValue } from '@steward/core';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';

/** A row that passed validation: its number in the file and its normalized values by field. */
export type ValidRow = { row: number; values: Record<string, ImportValue> };
export type RowError = { row: number; field: string | null; code: ImportErrorCode; message: string };
export type BatchResult = { created: number; updated: number; skipped: number; errors: RowError[] };

/** What every batch of one import shares. */
export type ImportEnv = {
  actor: Actor;
  /** The importing user's own team (where a manager's customers go). */
  actorTeamId: string | null;
  mode: DedupeMode;
  dedupeKey: DedupeKey;
  timeZone: string;
  now: Date;
  /** Whether the organization has enabled assignment rules (else unowned customers stay in the pool). */
  rulesEnabled: boolean;
  /** Fields that have a column in the file. */
  mapped: Set<string>;
};

/** Writes one batch of valid rows inside the caller's transaction; answers the counts and row errors. */
export type BatchWriter = (tx: Db, env: ImportEnv, rows: ValidRow[]) => Promise<BatchResult>;

export const str = (v: ImportValue | undefined): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : null;

/**
 * Keeps the work of a batch in file order: several rows may name one record (a duplicate inside
 * the file), and the later ones are applied onto the first one's pending write.
 */
export class Tally {
  created = 0;
  updated = 0;
  skipped = 0;
  errors: RowError[] = [];
  fail(row: number, field: string | null, code: ImportErrorCode, message: string) {
    this.errors.push({ row, field, code, message });
  }
  result(): BatchResult {
    return { created: this.created, updated: this.updated, skipped: this.skipped, errors: this.errors };
  }
}
