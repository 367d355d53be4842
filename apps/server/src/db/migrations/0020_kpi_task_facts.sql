CREATE TABLE "kpi_task_facts" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_id" uuid NOT NULL,
	"total" integer NOT NULL,
	"on_time" integer NOT NULL,
	"visits" integer NOT NULL,
	"visits_on_time" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_fact_days" ADD COLUMN "tasks_created_max" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "kpi_task_facts_day_idx" ON "kpi_task_facts" USING btree ("org_id","day");--> statement-breakpoint
-- Decision 0065: done tasks by due instant, read from the index alone (Drizzle's index builder
-- has no INCLUDE, so the schema declares the key columns only).
CREATE INDEX "tasks_done_due_idx" ON "tasks" USING btree ("org_id","due_at") INCLUDE ("assignee_id", "type", "completed_at", "created_at") WHERE "tasks"."status" = 'done';--> statement-breakpoint
-- Task facts (docs/decisions/0065) sit beside the order facts of the days listed in kpi_fact_days.
-- A task write delists the whole days (covered_until null; a running day has no task facts) it
-- can change: the local due day of every inserted or deleted task, and of the old and new version
-- of every task whose assignee, due instant, status, completion, type or creation changed. Writers
-- take the organization's advisory lock in shared mode, as for orders (migration 0010).
CREATE OR REPLACE FUNCTION kpi_facts_invalidate_whole(p_org uuid, p_days date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_days IS NULL OR cardinality(p_days) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('kpi_facts:' || p_org::text, 0));
  DELETE FROM kpi_fact_days WHERE org_id = p_org AND day = ANY(p_days) AND covered_until IS NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_facts_tasks_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record; tz text; last_day date; d date[];
BEGIN
  FOR r IN SELECT DISTINCT org_id FROM kpi_changed LOOP
    -- Locked first, then read: a build running now has committed before the days are read.
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('kpi_facts:' || r.org_id::text, 0));
    SELECT time_zone INTO tz FROM organizations WHERE id = r.org_id;
    SELECT max(day) INTO last_day FROM kpi_fact_days WHERE org_id = r.org_id AND covered_until IS NULL;
    IF last_day IS NULL THEN CONTINUE; END IF;
    -- Tasks due after the last whole day listed touch no listed day (a visit plan's new tasks are
    -- all due later): skipped without working out their local day.
    SELECT array_agg(DISTINCT (n.due_at AT TIME ZONE tz)::date) INTO d
      FROM kpi_changed n
     WHERE n.org_id = r.org_id AND n.due_at < ((last_day + 2)::timestamp AT TIME ZONE tz);
    PERFORM kpi_facts_invalidate_whole(r.org_id, d);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_facts_tasks_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    WITH changed AS (
      SELECT o.org_id AS old_org, o.due_at AS old_due, n.org_id AS new_org, n.due_at AS new_due
        FROM kpi_old o FULL JOIN kpi_new n ON n.org_id = o.org_id AND n.id = o.id
       WHERE o.id IS NULL OR n.id IS NULL
          OR (o.assignee_id, o.due_at, o.status, o.completed_at, o.type, o.created_at)
             IS DISTINCT FROM (n.assignee_id, n.due_at, n.status, n.completed_at, n.type, n.created_at)),
    touched AS (
      SELECT old_org AS org_id, old_due AS due_at FROM changed WHERE old_org IS NOT NULL
      UNION
      SELECT new_org, new_due FROM changed WHERE new_org IS NOT NULL)
    SELECT x.org_id, array_agg(x.day) AS days
      FROM (SELECT DISTINCT t.org_id, (t.due_at AT TIME ZONE g.time_zone)::date AS day
              FROM touched t JOIN organizations g ON g.id = t.org_id) x
     GROUP BY x.org_id
  LOOP
    PERFORM kpi_facts_invalidate_whole(r.org_id, r.days);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_facts_tasks_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_tasks_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_tasks_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS kpi_changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_tasks_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_facts_tasks_upd AFTER UPDATE ON tasks REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_facts_tasks_updated();
--> statement-breakpoint
-- Days built before this migration have no task facts: forget them all; the next kpi-facts run
-- builds them again (readers compute directly meanwhile).
DELETE FROM kpi_day_facts;
--> statement-breakpoint
DELETE FROM kpi_fact_days;
