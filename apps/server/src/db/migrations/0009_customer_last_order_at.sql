ALTER TABLE "customers" ADD COLUMN "last_order_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: the latest order of every customer (decision 0023).
UPDATE "customers" c SET "last_order_at" = m."at"
  FROM (SELECT "org_id", "customer_id", max("ordered_at") AS "at" FROM "orders" GROUP BY 1, 2) m
 WHERE c."org_id" = m."org_id" AND c."id" = m."customer_id";--> statement-breakpoint
-- Repair: last_contacted_at is at least the latest interaction (rows written around the app).
UPDATE "customers" c SET "last_contacted_at" = m."at"
  FROM (SELECT "org_id", "customer_id", max("occurred_at") AS "at" FROM "interactions" GROUP BY 1, 2) m
 WHERE c."org_id" = m."org_id" AND c."id" = m."customer_id"
   AND (c."last_contacted_at" IS NULL OR c."last_contacted_at" < m."at");
