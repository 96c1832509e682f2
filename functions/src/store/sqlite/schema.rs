//! The tables, created when the database is opened if they are not there yet.

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cases (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    version INTEGER NOT NULL,
    reminder_at INTEGER,
    record TEXT NOT NULL,
    PRIMARY KEY (council, reference)
);
CREATE INDEX IF NOT EXISTS cases_by_reminder ON cases (reminder_at) WHERE reminder_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    version INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (council, reference, version)
);
CREATE TABLE IF NOT EXISTS counters (
    council TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    PRIMARY KEY (council, year)
);
CREATE TABLE IF NOT EXISTS idempotency (
    council TEXT NOT NULL,
    key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    reference TEXT NOT NULL,
    PRIMARY KEY (council, key)
);
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    not_before INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_time ON outbox (not_before);
CREATE TABLE IF NOT EXISTS equality (
    council TEXT NOT NULL,
    year INTEGER NOT NULL,
    answers TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queued_once (
    id TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS uses (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS uses_by_expiry ON uses (expires_at);
CREATE TABLE IF NOT EXISTS api_keys (
    council TEXT NOT NULL,
    id TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, id)
);
";
