-- Searches of one or two characters (a Chinese surname, "华东") cannot use the trigram index: a
-- LIKE pattern shorter than three characters yields no trigram, so PostgreSQL read the whole table
-- (seconds at a million customers). A GIN expression index holds every one- and two-character
-- substring of the lower-cased name; `steward_short_grams(lower(name)) @> array[lower(q)]` is then
-- exactly `name ilike '%q%'` for a q of one or two characters (the search condition in
-- features/customers/repo.ts writes that expression). An index on an expression, not a column, so
-- the table is not rewritten and rows stay as they were.
CREATE OR REPLACE FUNCTION steward_short_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT string_to_array(t, NULL)
    || ARRAY(SELECT substr(t, i, 2) FROM generate_series(1, char_length(t) - 1) AS i)
$$;
--> statement-breakpoint
CREATE INDEX "customers_name_grams_idx" ON "customers" USING gin (steward_short_grams(lower("name")));
