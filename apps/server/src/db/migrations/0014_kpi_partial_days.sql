ALTER TABLE "kpi_fact_days" ADD COLUMN "covered_until" timestamp with time zone;--> statement-breakpoint
-- Partial days (docs/decisions/0061): the kpi-facts job also builds the day still running, up to
-- its asOf (`covered_until`). A write invalidates a listed day only when it touches an instant the
-- facts cover: any instant of a whole day (covered_until null), or one before covered_until — so
-- today's new orders (after the last build) leave today's facts valid and readers add them
-- directly. Each trigger now passes, per local day, the earliest instant it touches.
CREATE OR REPLACE FUNCTION kpi_facts_invalidate_from(p_org uuid, p_days date[], p_firsts timestamptz[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_days IS NULL OR cardinality(p_days) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('kpi_facts:' || p_org::text, 0));
  DELETE FROM kpi_fact_days f USING unnest(p_days, p_firsts) AS x(day, first)
   WHERE f.org_id = p_org AND f.day = x.day AND (f.covered_until IS NULL OR x.first < f.covered_until);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_facts_orders_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT x.org_id, array_agg(x.day) AS days, array_agg(x.first) AS firsts
      FROM (SELECT n.org_id, (n.ordered_at AT TIME ZONE g.time_zone)::date AS day, min(n.ordered_at) AS first
              FROM kpi_changed n JOIN organizations g ON g.id = n.org_id
             GROUP BY 1, 2) x
     GROUP BY x.org_id
  LOOP
    PERFORM kpi_facts_invalidate_from(r.org_id, r.days, r.firsts);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_facts_customers_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT x.org_id, array_agg(x.day) AS days, array_agg(x.first) AS firsts
      FROM (SELECT n.org_id, (n.created_at AT TIME ZONE g.time_zone)::date AS day, min(n.created_at) AS first
              FROM kpi_changed n JOIN organizations g ON g.id = n.org_id
             GROUP BY 1, 2) x
     GROUP BY x.org_id
  LOOP
    PERFORM kpi_facts_invalidate_from(r.org_id, r.days, r.firsts);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_facts_customer_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE tz text; d date[]; f timestamptz[];
BEGIN
  SELECT time_zone INTO tz FROM organizations WHERE id = NEW.org_id;
  SELECT array_agg(x.day), array_agg(x.first) INTO d, f
    FROM (SELECT (i.t AT TIME ZONE tz)::date AS day, min(i.t) AS first
            FROM (SELECT OLD.created_at AS t UNION ALL SELECT NEW.created_at
                  UNION ALL
                  SELECT o.ordered_at FROM orders o
                   WHERE OLD.owner_id IS DISTINCT FROM NEW.owner_id
                     AND o.org_id = NEW.org_id AND o.customer_id = NEW.id
                     AND NOT EXISTS (SELECT 1 FROM assignment_history h
                                      WHERE h.org_id = NEW.org_id AND h.customer_id = NEW.id)) i
           GROUP BY 1) x;
  PERFORM kpi_facts_invalidate_from(NEW.org_id, d, f);
  RETURN NULL;
END $$;
--> statement-breakpoint
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
    SELECT y.org_id, array_agg(y.day) AS days, array_agg(y.first) AS firsts
      FROM (SELECT x.org_id, x.day, min(x.t) AS first
              FROM (SELECT h.org_id, (o.ordered_at AT TIME ZONE h.time_zone)::date AS day, o.ordered_at AS t
                      FROM h JOIN orders o ON o.org_id = h.org_id AND o.customer_id = h.customer_id
                     WHERE h.earliest OR o.ordered_at >= h.at
                    UNION ALL
                    SELECT h.org_id, (c.created_at AT TIME ZONE h.time_zone)::date, c.created_at
                      FROM h JOIN customers c ON c.org_id = h.org_id AND c.id = h.customer_id
                     WHERE h.earliest OR c.created_at >= h.at) x
             GROUP BY 1, 2) y
     GROUP BY y.org_id
  LOOP
    PERFORM kpi_facts_invalidate_from(r.org_id, r.days, r.firsts);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS kpi_facts_invalidate(uuid, date[]);
