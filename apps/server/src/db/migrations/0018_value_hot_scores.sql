-- value-refresh rewrites every customer's scores each night (decision 0062). Neither index below was
-- read by any query (lists and dashboards scan or join by the primary key); without them, and with
-- room on each page for the new row version, that rewrite is a heap-only (HOT) update instead of
-- three index entries per customer. The fillfactor applies to pages written from now on (a new
-- installation from the start; an existing one as rows move, or at once with VACUUM FULL).
DROP INDEX "customer_scores_clv_idx";--> statement-breakpoint
DROP INDEX "customer_scores_segment_idx";--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "history_as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "history_p_alive" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD COLUMN "history_clv" double precision;--> statement-breakpoint
ALTER TABLE "customer_scores" SET (fillfactor = 50);
