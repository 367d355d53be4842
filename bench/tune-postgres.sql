-- PostgreSQL settings the benchmarks of docs/BENCHMARKS.md were measured with (from 2026-12-07 on).
-- A production server for a million customers is tuned at least this far; the defaults (128 MB of
-- shared buffers, 1 GB of WAL between checkpoints) make every million-row write wait on disk reads
-- and checkpoints. Apply as a superuser, then restart PostgreSQL:
--   psql -h 127.0.0.1 -U postgres -f bench/tune-postgres.sql
--   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart
-- Sized for the 24 GiB machine the benchmarks run on.
ALTER SYSTEM SET shared_buffers = '6GB';
ALTER SYSTEM SET effective_cache_size = '16GB';
ALTER SYSTEM SET maintenance_work_mem = '1GB';
ALTER SYSTEM SET work_mem = '32MB';
ALTER SYSTEM SET max_wal_size = '16GB';
ALTER SYSTEM SET checkpoint_timeout = '15min';
ALTER SYSTEM SET wal_buffers = '64MB';
