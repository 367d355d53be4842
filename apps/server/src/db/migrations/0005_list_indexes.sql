DROP INDEX "customers_owner_created_idx";--> statement-breakpoint
DROP INDEX "customers_team_created_idx";--> statement-breakpoint
DROP INDEX "customers_pool_idx";--> statement-breakpoint
DROP INDEX "customers_org_created_idx";--> statement-breakpoint
DROP INDEX "interactions_customer_idx";--> statement-breakpoint
DROP INDEX "orders_customer_idx";--> statement-breakpoint
CREATE INDEX "customers_owner_stage_created_idx" ON "customers" USING btree ("org_id","owner_id","stage","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_owner_created_idx" ON "customers" USING btree ("org_id","owner_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_team_created_idx" ON "customers" USING btree ("org_id","team_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_pool_idx" ON "customers" USING btree ("org_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "customers"."owner_id" is null and "customers"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "customers_org_created_idx" ON "customers" USING btree ("org_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "interactions_customer_idx" ON "interactions" USING btree ("org_id","customer_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("org_id","customer_id","ordered_at" DESC NULLS FIRST);