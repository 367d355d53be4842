CREATE TABLE "kpi_day_facts" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_id" uuid,
	"orders" integer NOT NULL,
	"sales" numeric(20, 2),
	"new_customers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_fact_days" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_fact_days_org_id_day_pk" PRIMARY KEY("org_id","day")
);
--> statement-breakpoint
CREATE INDEX "kpi_day_facts_day_idx" ON "kpi_day_facts" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "kpi_day_facts_user_idx" ON "kpi_day_facts" USING btree ("org_id","user_id","day");--> statement-breakpoint
CREATE INDEX "orders_org_ordered_idx" ON "orders" USING btree ("org_id","ordered_at");--> statement-breakpoint
-- KPI facts stay correct (docs/decisions/0060): a write that can change the orders or new
-- customers credited on a local day deletes that day from kpi_fact_days, so readers compute it
-- directly until the kpi-facts job rebuilds it. Writers take the organization's advisory lock in
-- shared mode; the job builds under the exclusive lock, so no write can slip between its snapshot
-- and its commit unseen.
CREATE OR REPLACE FUNCTION kpi_facts_invalidate(p_org uuid, p_days date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_days IS NULL OR cardinality(p_days) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('kpi_facts:' || p_org::text, 0));
  DELETE FROM kpi_fact_days WHERE org_id = p_org AND day = ANY(p_days);
END $$;
--> statement-breakpoint
-- Orders: the local day of each inserted, updated (old and new) or deleted order.
CREATE OR REPLACE FUNCTION kpi_facts_orders_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT x.org_id, array_agg(DISTINCT x.day) AS days
      FROM (SELECT n.org_id, (n.ordered_at AT TIME ZONE g.time_zone)::date AS day
              FROM kpi_changed n JOIN organizations g ON g.id = n.org_id) x
     GROUP BY x.org_id
  LOOP
    PERFORM kpi_facts_invalidate(r.org_id, r.days);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_facts_orders_ins AFTER INSERT ON orders REFERENCING NEW TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_orders_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_orders_upd_new AFTER UPDATE ON orders REFERENCING NEW TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_orders_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_orders_upd_old AFTER UPDATE ON orders REFERENCING OLD TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_orders_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_orders_del AFTER DELETE ON orders REFERENCING OLD TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_orders_changed();
--> statement-breakpoint
-- Customers inserted or deleted: their local creation day (new customers).
CREATE OR REPLACE FUNCTION kpi_facts_customers_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT x.org_id, array_agg(DISTINCT x.day) AS days
      FROM (SELECT n.org_id, (n.created_at AT TIME ZONE g.time_zone)::date AS day
              FROM kpi_changed n JOIN organizations g ON g.id = n.org_id) x
     GROUP BY x.org_id
  LOOP
    PERFORM kpi_facts_invalidate(r.org_id, r.days);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_facts_customers_ins AFTER INSERT ON customers REFERENCING NEW TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_customers_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_customers_del AFTER DELETE ON customers REFERENCING OLD TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_customers_changed();
--> statement-breakpoint
-- A customer updated in a way that matters: creation day (old and new); an owner changed on a
-- customer without assignment history (the owner then credits every order): all its order days.
CREATE OR REPLACE FUNCTION kpi_facts_customer_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE tz text; d date[];
BEGIN
  SELECT time_zone INTO tz FROM organizations WHERE id = NEW.org_id;
  d := ARRAY[(OLD.created_at AT TIME ZONE tz)::date, (NEW.created_at AT TIME ZONE tz)::date];
  IF OLD.owner_id IS DISTINCT FROM NEW.owner_id AND NOT EXISTS (
       SELECT 1 FROM assignment_history h WHERE h.org_id = NEW.org_id AND h.customer_id = NEW.id) THEN
    d := d || ARRAY(SELECT DISTINCT (o.ordered_at AT TIME ZONE tz)::date FROM orders o
                     WHERE o.org_id = NEW.org_id AND o.customer_id = NEW.id);
  END IF;
  PERFORM kpi_facts_invalidate(NEW.org_id, d);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_facts_customers_upd AFTER UPDATE ON customers FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id OR OLD.owner_id IS DISTINCT FROM NEW.owner_id)
  EXECUTE FUNCTION kpi_facts_customer_updated();
--> statement-breakpoint
-- Assignment history: a row at instant `at` changes the owner credited from `at` on, and — when it
-- is (or was) the customer's earliest row — before it too. The order and creation days affected.
CREATE OR REPLACE FUNCTION kpi_facts_history_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    WITH h AS (
      SELECT k.org_id, k.customer_id, k.at, g.time_zone,
             NOT EXISTS (SELECT 1 FROM assignment_history e
                          WHERE e.org_id = k.org_id AND e.customer_id = k.customer_id AND e.at < k.at) AS earliest
        FROM kpi_changed k JOIN organizations g ON g.id = k.org_id)
    SELECT x.org_id, array_agg(DISTINCT x.day) AS days
      FROM (SELECT h.org_id, (o.ordered_at AT TIME ZONE h.time_zone)::date AS day
              FROM h JOIN orders o ON o.org_id = h.org_id AND o.customer_id = h.customer_id
             WHERE h.earliest OR o.ordered_at >= h.at
            UNION ALL
            SELECT h.org_id, (c.created_at AT TIME ZONE h.time_zone)::date
              FROM h JOIN customers c ON c.org_id = h.org_id AND c.id = h.customer_id
             WHERE h.earliest OR c.created_at >= h.at) x
     GROUP BY x.org_id
  LOOP
    PERFORM kpi_facts_invalidate(r.org_id, r.days);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_facts_history_ins AFTER INSERT ON assignment_history REFERENCING NEW TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_history_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_history_upd_new AFTER UPDATE ON assignment_history REFERENCING NEW TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_history_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_history_upd_old AFTER UPDATE ON assignment_history REFERENCING OLD TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_history_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_history_del AFTER DELETE ON assignment_history REFERENCING OLD TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_history_changed();
--> statement-breakpoint
-- A new time zone moves every day boundary, a new currency changes what sales sum: rebuild all.
CREATE OR REPLACE FUNCTION kpi_facts_org_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('kpi_facts:' || NEW.id::text, 0));
  DELETE FROM kpi_fact_days WHERE org_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_facts_org_upd AFTER UPDATE ON organizations FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone OR OLD.currency IS DISTINCT FROM NEW.currency)
  EXECUTE FUNCTION kpi_facts_org_updated();
