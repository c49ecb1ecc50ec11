-- Provider performance and Ethical Care Charter dashboards, processing group performance-views. One row per visit
-- with what scrutiny counts, the providers' current standing, their workers, and the package history (offers,
-- acceptances, declines, hand-backs, and which provider held which package when). Period figures are aggregated
-- from these rows when asked, so any period can be answered and a rebuild gives the same answers.
CREATE TABLE performance_provider (
    provider_id      VARCHAR(64) PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    list_status      VARCHAR(20)  NOT NULL,
    cqc_overall      VARCHAR(30)  NOT NULL,
    cqc_well_led     VARCHAR(30)  NOT NULL,
    cqc_inspected_on DATE         NOT NULL
);

CREATE TABLE performance_worker (
    worker_id     VARCHAR(64) PRIMARY KEY,
    provider_id   VARCHAR(64)              NOT NULL,
    contract_type VARCHAR(30)              NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX performance_worker_provider_idx ON performance_worker (provider_id);

CREATE TABLE performance_visit (
    visit_id          VARCHAR(64) PRIMARY KEY,
    provider_id       VARCHAR(64)              NOT NULL,
    package_id        VARCHAR(64)              NOT NULL,
    client_ref        VARCHAR(64)              NOT NULL,
    worker_id         VARCHAR(64)              NOT NULL,
    planned_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    planned_minutes   INT                      NOT NULL,
    status            VARCHAR(20)              NOT NULL,
    late              BOOLEAN                  NOT NULL,
    short_visit       BOOLEAN                  NOT NULL,
    missed_alerted    BOOLEAN                  NOT NULL,
    delivered_minutes INT,
    cancelled_by      VARCHAR(20),
    notice_minutes    BIGINT
);
CREATE INDEX performance_visit_provider_start_idx ON performance_visit (provider_id, planned_start);
CREATE INDEX performance_visit_start_idx ON performance_visit (planned_start);

CREATE TABLE performance_package (
    package_id     VARCHAR(64) PRIMARY KEY,
    weekly_minutes INT  NOT NULL,
    starts_on      DATE NOT NULL,
    ends_on        DATE
);

-- A provider held a package from held_from (inclusive) to held_until (exclusive; NULL while open-ended).
CREATE TABLE performance_holding (
    holding_id     VARCHAR(64) PRIMARY KEY,
    package_id     VARCHAR(64) NOT NULL,
    provider_id    VARCHAR(64) NOT NULL,
    weekly_minutes INT         NOT NULL,
    held_from      DATE        NOT NULL,
    held_until     DATE,
    handed_back    BOOLEAN     NOT NULL
);
CREATE INDEX performance_holding_provider_idx ON performance_holding (provider_id);
CREATE INDEX performance_holding_package_idx ON performance_holding (package_id, provider_id);

-- Offers, acceptances, declines and hand-backs as they happened, keyed by the event's id.
CREATE TABLE performance_package_event (
    event_id       VARCHAR(64)              PRIMARY KEY,
    package_id     VARCHAR(64)              NOT NULL,
    provider_id    VARCHAR(64)              NOT NULL,
    kind           VARCHAR(20)              NOT NULL,
    decline_reason VARCHAR(20),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX performance_package_event_provider_idx ON performance_package_event (provider_id, occurred_at);
