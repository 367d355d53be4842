ALTER TABLE "customers" ADD COLUMN "owner_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "owner_changed_to" uuid;--> statement-breakpoint
-- Decision 0067: each customer carries the instant and the new owner of its latest assignment
-- history row (by at, then id), so the book KPIs read no history for a customer whose last change
-- precedes the period. A statement trigger keeps them after every insert, update or delete of
-- history rows: it locks the customers touched (in id order), then reads their latest row with a
-- new snapshot, so of two transactions changing one customer the one committing last writes.
CREATE OR REPLACE FUNCTION customers_owner_changed_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM customers c
    WHERE (c.org_id, c.id) IN (SELECT org_id, customer_id FROM history_changed)
    ORDER BY c.org_id, c.id FOR UPDATE;
  UPDATE customers c
     SET owner_changed_at = l.at, owner_changed_to = l.to_user_id
    FROM (SELECT t.org_id, t.customer_id, h.at, h.to_user_id
            FROM (SELECT DISTINCT org_id, customer_id FROM history_changed) t
            LEFT JOIN LATERAL (SELECT e.at, e.to_user_id FROM assignment_history e
                                WHERE e.org_id = t.org_id AND e.customer_id = t.customer_id
                                ORDER BY e.at DESC, e.id DESC LIMIT 1) h ON true) l
   WHERE c.org_id = l.org_id AND c.id = l.customer_id
     AND (c.owner_changed_at IS DISTINCT FROM l.at OR c.owner_changed_to IS DISTINCT FROM l.to_user_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customers_owner_changed_ins AFTER INSERT ON assignment_history REFERENCING NEW TABLE AS history_changed
  FOR EACH STATEMENT EXECUTE FUNCTION customers_owner_changed_sync();
--> statement-breakpoint
CREATE TRIGGER customers_owner_changed_upd_new AFTER UPDATE ON assignment_history REFERENCING NEW TABLE AS history_changed
  FOR EACH STATEMENT EXECUTE FUNCTION customers_owner_changed_sync();
--> statement-breakpoint
CREATE TRIGGER customers_owner_changed_upd_old AFTER UPDATE ON assignment_history REFERENCING OLD TABLE AS history_changed
  FOR EACH STATEMENT EXECUTE FUNCTION customers_owner_changed_sync();
--> statement-breakpoint
CREATE TRIGGER customers_owner_changed_del AFTER DELETE ON assignment_history REFERENCING OLD TABLE AS history_changed
  FOR EACH STATEMENT EXECUTE FUNCTION customers_owner_changed_sync();
--> statement-breakpoint
UPDATE customers c SET owner_changed_at = l.at, owner_changed_to = l.to_user_id
  FROM (SELECT DISTINCT ON (org_id, customer_id) org_id, customer_id, at, to_user_id
          FROM assignment_history ORDER BY org_id, customer_id, at DESC, id DESC) l
 WHERE c.org_id = l.org_id AND c.id = l.customer_id;
--> statement-breakpoint
-- The book's customers are read from this index alone (decision 0063), now with the two columns.
DROP INDEX "customers_owner_created_idx";
--> statement-breakpoint
CREATE INDEX "customers_owner_created_idx" ON "customers" USING btree ("org_id","owner_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST)
  INCLUDE ("deleted_at", "completeness", "lifecycle_through", "lifecycle_days", "owner_changed_at", "owner_changed_to");
