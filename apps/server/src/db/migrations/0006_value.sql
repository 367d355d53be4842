CREATE TABLE "churn_alerts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"owner_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"reasons" jsonb NOT NULL,
	"task_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "churn_alerts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_scores" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"r" integer NOT NULL,
	"f" integer NOT NULL,
	"m" integer NOT NULL,
	"segment" text NOT NULL,
	"recency_days" integer NOT NULL,
	"frequency" integer NOT NULL,
	"monetary" double precision NOT NULL,
	"p_alive" double precision,
	"expected_purchases" double precision,
	"expected_spend" double precision,
	"clv" double precision,
	"horizon" integer,
	"unit" text NOT NULL,
	"stage" text NOT NULL,
	"stage_since" date,
	"tier_rule" text NOT NULL,
	"explanation" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_scores_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "score_history" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"p_alive" double precision,
	"clv" double precision,
	CONSTRAINT "score_history_org_id_customer_id_as_of_pk" PRIMARY KEY("org_id","customer_id","as_of")
);
--> statement-breakpoint
CREATE TABLE "tier_overrides" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"tier" text NOT NULL,
	"reason" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_overrides_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "value_models" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"model" text DEFAULT 'bg-nbd' NOT NULL,
	"params" jsonb NOT NULL,
	"log_likelihood" double precision NOT NULL,
	"spend_params" jsonb NOT NULL,
	"spend_log_likelihood" double precision,
	"unit" text NOT NULL,
	"horizon" integer NOT NULL,
	"annual_discount_rate" double precision NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"customers" integer NOT NULL,
	"repeat_buyers" integer NOT NULL,
	"sampled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "value_models_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "churn_alerts" ADD CONSTRAINT "churn_alerts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD CONSTRAINT "customer_scores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_history" ADD CONSTRAINT "score_history_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_overrides" ADD CONSTRAINT "tier_overrides_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_models" ADD CONSTRAINT "value_models_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "churn_alerts_open_key" ON "churn_alerts" USING btree ("org_id","customer_id") WHERE "churn_alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "churn_alerts_owner_idx" ON "churn_alerts" USING btree ("org_id","owner_id","status");--> statement-breakpoint
CREATE INDEX "customer_scores_clv_idx" ON "customer_scores" USING btree ("org_id","clv" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "customer_scores_segment_idx" ON "customer_scores" USING btree ("org_id","segment");--> statement-breakpoint
CREATE INDEX "value_models_latest_idx" ON "value_models" USING btree ("org_id","created_at" DESC NULLS LAST);