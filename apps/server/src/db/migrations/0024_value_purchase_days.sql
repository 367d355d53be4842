CREATE TABLE "purchase_days" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"days" integer[] NOT NULL,
	"cents" bigint[] NOT NULL,
	CONSTRAINT "purchase_days_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "purchase_days_state" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"tz" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "value_stale" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "value_stale_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
-- Decision 0071: every order write may change the purchase days of the customers it touches (an
-- order moved by a merge touches both). The trigger of migration 0019 lists them in value_stale
-- too; value-refresh rebuilds their purchase_days rows and removes the entries it saw.
CREATE OR REPLACE FUNCTION lifecycle_orders_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lifecycle_stale (org_id, customer_id)
  SELECT DISTINCT c.org_id, c.customer_id FROM lifecycle_changed c ORDER BY 1, 2
  ON CONFLICT (org_id, customer_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO value_stale (org_id, customer_id)
  SELECT DISTINCT c.org_id, c.customer_id FROM lifecycle_changed c ORDER BY 1, 2
  ON CONFLICT (org_id, customer_id) DO UPDATE SET seq = excluded.seq;
  RETURN NULL;
END $$;
