-- Room on each page for the updates a complaint receives in its life (SLA warning and breach flags,
-- status changes): sla-watch's flag updates touch no indexed column, so with free space on the page
-- they are heap-only (HOT) instead of adding an entry to each of the table's six indexes (decision 0052).
-- Applies to pages written from now on.
ALTER TABLE "complaints" SET (fillfactor = 70);
