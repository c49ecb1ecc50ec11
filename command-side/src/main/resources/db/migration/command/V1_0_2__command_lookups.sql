-- Command-side lookups for rules that span aggregates (rule 1: provider and package standing; rule 3: a worker's
-- bookings). Written in the same transaction as the events, never by the query side.
CREATE TABLE provider_lookup (
    provider_id VARCHAR(64) PRIMARY KEY,
    status      VARCHAR(20) NOT NULL
);

CREATE TABLE worker_lookup (
    worker_id   VARCHAR(64) PRIMARY KEY,
    provider_id VARCHAR(64) NOT NULL
);

CREATE TABLE package_lookup (
    package_id        VARCHAR(64) PRIMARY KEY,
    client_ref        VARCHAR(64) NOT NULL,
    zone              VARCHAR(64) NOT NULL,
    status            VARCHAR(20) NOT NULL,
    provider_id       VARCHAR(64),
    hourly_rate_pence INT         NOT NULL,
    time_banking      BOOLEAN     NOT NULL
);

CREATE TABLE worker_booking (
    visit_id  VARCHAR(64) PRIMARY KEY,
    worker_id VARCHAR(64)              NOT NULL,
    starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX worker_booking_worker_idx ON worker_booking (worker_id, starts_at);
