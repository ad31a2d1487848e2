-- tipwire schema, version 7: leases of background jobs.
--
-- A job that one process at a time should run (the retention purge, housekeeping)
-- takes or renews its lease at each turn; another process on the same database skips
-- its turn while the lease lasts. A lease ends by itself at `expires_at` (ms since the
-- epoch), so the jobs of a process that crashed are taken over; `owner` is a random id
-- per process, never a host name or anything about a person.
CREATE TABLE worker_leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
