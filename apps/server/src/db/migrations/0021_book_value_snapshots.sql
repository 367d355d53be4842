CREATE TABLE "book_value_snapshots" (
	"org_id" uuid NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"owner_id" uuid,
	"clv" double precision,
	"customers" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "book_value_snapshots" ADD CONSTRAINT "book_value_snapshots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "book_value_snapshots_as_of_idx" ON "book_value_snapshots" USING btree ("org_id","as_of");--> statement-breakpoint
-- Scores already there (decision 0066): one snapshot per organization, at its latest refresh,
-- of every customer's current scores (a refresh that stopped part way leaves older rows for some
-- customers: they count as they are), by their owners now (the owners at that refresh were not
-- kept). Every later refresh writes its own; periods ending before this one keep reading the
-- scores themselves (bookValueSource).
INSERT INTO book_value_snapshots (org_id, as_of, owner_id, clv, customers)
SELECT s.org_id, l.as_of, c.owner_id, sum(s.clv), count(*)::int
  FROM customer_scores s
  JOIN (SELECT org_id, max(as_of) AS as_of FROM customer_scores GROUP BY org_id) l ON l.org_id = s.org_id
  JOIN customers c ON c.org_id = s.org_id AND c.id = s.customer_id
 WHERE c.deleted_at IS NULL
 GROUP BY s.org_id, l.as_of, c.owner_id;
