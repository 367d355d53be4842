ALTER TABLE "customer_scores" ALTER COLUMN "explanation" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "model_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "population" integer;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "tier_value" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "tier_percentile" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "usual_interval_days" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "bg_tx" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "bg_t" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "bg_monetary" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "recent_purchases" integer;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "earlier_purchases" integer;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "recent_complaints" integer;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "satisfaction_trend" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "overdue_visits" integer;