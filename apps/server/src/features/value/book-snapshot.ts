/**
 * The value of each owner's book at a value refresh (docs/decisions/0066): the refresh adds every
 * customer it scores, by the owner it read, and writes the sums once all its scores are written.
 * The `book_value` KPI reads them (features/performance), so a manager's book value needs no look-up
 * per customer.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bookValueSnapshots } from '../../db/schema/index.js';

export class BookTotals {
  private readonly byOwner = new Map<string | null, { clv: number | null; customers: number }>();

  /** One scored customer of `owner` (null: the pool); `clv` null when the model gave none. */
  add(owner: string | null, clv: number | null) {
    let t = this.byOwner.get(owner);
    if (!t) this.byOwner.set(owner, (t = { clv: null, customers: 0 }));
    t.customers++;
    if (clv !== null && Number.isFinite(clv)) t.clv = (t.clv ?? 0) + clv;
  }

  /** Replaces the organization's snapshot at `asOf` (a re-run at the same instant) with these sums, in one transaction. */
  async write(db: Db, orgId: string, asOf: Date) {
    // A refresh that scored nobody still marks its instant: readers then find no book, not an older one.
    const totals = this.byOwner.size ? [...this.byOwner] : [[null, { clv: null, customers: 0 }] as const];
    const rows = totals.map(([ownerId, t]) => ({
      orgId,
      asOf,
      ownerId,
      clv: t.clv,
      customers: t.customers,
    }));
    await db.transaction(async (tx) => {
      // Two runs at the same instant must not both delete nothing and both insert.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`book_value:${orgId}`}, 0))`);
      await tx
        .delete(bookValueSnapshots)
        .where(and(eq(bookValueSnapshots.orgId, orgId), eq(bookValueSnapshots.asOf, asOf)));
      for (let i = 0; i < rows.length; i += 5000)
        await tx.insert(bookValueSnapshots).values(rows.slice(i, i + 5000));
    });
  }
}
