-- Travel dashboards, processing group travel-views. Every visit's facts (plan, roster, location, check-in and -out),
-- the workers' travel modes and pay, and the legs of each worker-day. A worker-day's legs are recomputed whole
-- whenever one of its visits changes (never appended), so reassignments, reschedules, cancellations and deliveries
-- recorded late all leave the legs as if they had been computed from scratch. Pay compliance reads these tables too.
CREATE TABLE travel_provider (
    provider_id VARCHAR(64) PRIMARY KEY
);

CREATE TABLE travel_worker (
    worker_id        VARCHAR(64) PRIMARY KEY,
    provider_id      VARCHAR(64) NOT NULL,
    contract_type    VARCHAR(30) NOT NULL,
    travel_mode      VARCHAR(30) NOT NULL,
    hourly_pay_pence INT         NOT NULL
);
CREATE INDEX travel_worker_provider_idx ON travel_worker (provider_id);

-- rostered_*: the worker, start and travel as the roster first gave them, never changed afterwards: the roster's
-- travel minutes were measured from the visit before in that worker's roster, so they are only used for that leg.
-- work_date: the local day the visit falls on for its worker (check-in day once started, else planned day).
CREATE TABLE travel_visit (
    visit_id                VARCHAR(64) PRIMARY KEY,
    provider_id             VARCHAR(64)              NOT NULL,
    zone                    VARCHAR(64)              NOT NULL,
    client_ref              VARCHAR(64)              NOT NULL,
    worker_id               VARCHAR(64)              NOT NULL,
    rostered_worker_id      VARCHAR(64)              NOT NULL,
    rostered_start          TIMESTAMP WITH TIME ZONE NOT NULL,
    rostered_date           DATE                     NOT NULL,
    rostered_travel_minutes INT,
    planned_start           TIMESTAMP WITH TIME ZONE NOT NULL,
    planned_minutes         INT                      NOT NULL,
    latitude                DOUBLE PRECISION,
    longitude               DOUBLE PRECISION,
    status                  VARCHAR(20)              NOT NULL,
    started_at              TIMESTAMP WITH TIME ZONE,
    ended_at                TIMESTAMP WITH TIME ZONE,
    delivered_minutes       INT,
    work_date               DATE                     NOT NULL
);
CREATE INDEX travel_visit_worker_day_idx ON travel_visit (worker_id, work_date);
CREATE INDEX travel_visit_roster_idx ON travel_visit (rostered_worker_id, rostered_date);
CREATE INDEX travel_visit_provider_day_idx ON travel_visit (provider_id, work_date);
CREATE INDEX travel_visit_zone_day_idx ON travel_visit (zone, work_date);

-- One row per leg between two consecutive visits of a worker-day. delivered: both visits delivered, so the leg has
-- an actual travel time and counts in every figure; otherwise it is still a planned leg of the day.
-- provider_id and zone are those of the visit the leg leads to.
CREATE TABLE travel_leg (
    worker_id              VARCHAR(64) NOT NULL,
    work_date              DATE        NOT NULL,
    leg_number             INT         NOT NULL,
    provider_id            VARCHAR(64) NOT NULL,
    zone                   VARCHAR(64) NOT NULL,
    from_visit_id          VARCHAR(64) NOT NULL,
    to_visit_id            VARCHAR(64) NOT NULL,
    delivered              BOOLEAN     NOT NULL,
    planned_gap_minutes    INT         NOT NULL,
    planned_travel_minutes INT,
    planned_travel_source  VARCHAR(20) NOT NULL,
    actual_travel_minutes  INT,
    distance_metres        INT,
    rushed                 BOOLEAN     NOT NULL,
    PRIMARY KEY (worker_id, work_date, leg_number)
);
CREATE INDEX travel_leg_provider_day_idx ON travel_leg (provider_id, work_date);
CREATE INDEX travel_leg_zone_day_idx ON travel_leg (zone, work_date);
