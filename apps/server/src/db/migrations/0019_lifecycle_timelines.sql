CREATE TABLE "lifecycle_stale" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "lifecycle_stale_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "lifecycle_tz" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "lifecycle_days" integer[];--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "lifecycle_through" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "assignment_history_from_idx" ON "assignment_history" USING btree ("org_id","from_user_id") INCLUDE ("customer_id");--> statement-breakpoint
-- Decision 0063: the customers named in a team's history come from these two indexes alone.
DROP INDEX "assignment_history_to_idx";--> statement-breakpoint
CREATE INDEX "assignment_history_to_idx" ON "assignment_history" USING btree ("org_id","to_user_id","kind","at") INCLUDE ("customer_id");--> statement-breakpoint
-- Decision 0063: the book KPIs read a team's customers through this index alone (owner, creation,
-- deletion, completeness and lifecycle boundaries), without a heap visit per customer. Drizzle's
-- index builder has no INCLUDE, so the schema declares the key columns only.
DROP INDEX "customers_owner_created_idx";--> statement-breakpoint
CREATE INDEX "customers_owner_created_idx" ON "customers" USING btree ("org_id","owner_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST)
  INCLUDE ("deleted_at", "completeness", "lifecycle_through", "lifecycle_days");--> statement-breakpoint
-- Decision 0063: the owner of a customer at an instant (ownersAt, ownerAt) reads its history rows
-- from this index alone, with no heap visit per customer of a book.
DROP INDEX "assignment_history_customer_idx";--> statement-breakpoint
CREATE INDEX "assignment_history_customer_idx" ON "assignment_history" USING btree ("org_id","customer_id","at")
  INCLUDE ("id", "kind", "from_user_id", "to_user_id");--> statement-breakpoint
-- Decision 0063: every order write may change the lifecycle boundaries of the customers it touches
-- (an order moved by a merge touches both). List them; readers use the stored boundaries of
-- listed customers no more, and the kpi-facts job rebuilds them and removes the entries it saw.
-- Customers in a fixed order, so that concurrent writers lock the entries in the same order.
CREATE OR REPLACE FUNCTION lifecycle_orders_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lifecycle_stale (org_id, customer_id)
  SELECT DISTINCT c.org_id, c.customer_id FROM lifecycle_changed c ORDER BY 1, 2
  ON CONFLICT (org_id, customer_id) DO UPDATE SET seq = excluded.seq;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lifecycle_orders_ins AFTER INSERT ON orders REFERENCING NEW TABLE AS lifecycle_changed
  FOR EACH STATEMENT EXECUTE FUNCTION lifecycle_orders_changed();
--> statement-breakpoint
CREATE TRIGGER lifecycle_orders_upd_new AFTER UPDATE ON orders REFERENCING NEW TABLE AS lifecycle_changed
  FOR EACH STATEMENT EXECUTE FUNCTION lifecycle_orders_changed();
--> statement-breakpoint
CREATE TRIGGER lifecycle_orders_upd_old AFTER UPDATE ON orders REFERENCING OLD TABLE AS lifecycle_changed
  FOR EACH STATEMENT EXECUTE FUNCTION lifecycle_orders_changed();
--> statement-breakpoint
CREATE TRIGGER lifecycle_orders_del AFTER DELETE ON orders REFERENCING OLD TABLE AS lifecycle_changed
  FOR EACH STATEMENT EXECUTE FUNCTION lifecycle_orders_changed();
