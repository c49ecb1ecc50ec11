-- Projections of the foundation: providers (with zones and workers), packages and visits. Each is rebuilt from the
-- events by resetting its processing group.
CREATE TABLE provider_view (
    provider_id          VARCHAR(64) PRIMARY KEY,
    name                 VARCHAR(200)             NOT NULL,
    status               VARCHAR(20)              NOT NULL,
    cqc_overall          VARCHAR(30)              NOT NULL,
    cqc_safe             VARCHAR(30)              NOT NULL,
    cqc_effective        VARCHAR(30)              NOT NULL,
    cqc_caring           VARCHAR(30)              NOT NULL,
    cqc_responsive       VARCHAR(30)              NOT NULL,
    cqc_well_led         VARCHAR(30)              NOT NULL,
    cqc_inspected_on     DATE                     NOT NULL,
    admitted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    status_changed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE provider_zone_view (
    provider_id VARCHAR(64) NOT NULL,
    zone        VARCHAR(64) NOT NULL,
    PRIMARY KEY (provider_id, zone)
);

CREATE TABLE worker_view (
    worker_id        VARCHAR(64) PRIMARY KEY,
    provider_id      VARCHAR(64)              NOT NULL,
    contract_type    VARCHAR(30)              NOT NULL,
    travel_mode      VARCHAR(30)              NOT NULL,
    hourly_pay_pence INT                      NOT NULL,
    registered_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX worker_view_provider_idx ON worker_view (provider_id);

CREATE TABLE package_view (
    package_id        VARCHAR(64) PRIMARY KEY,
    client_ref        VARCHAR(64)              NOT NULL,
    zone              VARCHAR(64)              NOT NULL,
    weekly_minutes    INT                      NOT NULL,
    hourly_rate_pence INT                      NOT NULL,
    time_banking      BOOLEAN                  NOT NULL,
    starts_on         DATE                     NOT NULL,
    ends_on           DATE,
    status            VARCHAR(20)              NOT NULL,
    provider_id       VARCHAR(64),
    commissioned_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX package_view_provider_idx ON package_view (provider_id);

-- One row per offer made, with how it ended: what a provider may see of packages offered to it.
CREATE TABLE package_offer_view (
    package_id     VARCHAR(64) NOT NULL,
    provider_id    VARCHAR(64) NOT NULL,
    outcome        VARCHAR(20) NOT NULL,
    decline_reason VARCHAR(20),
    decline_note   VARCHAR(500),
    offered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (package_id, provider_id)
);

CREATE TABLE visit_view (
    visit_id            VARCHAR(64) PRIMARY KEY,
    package_id          VARCHAR(64)              NOT NULL,
    client_ref          VARCHAR(64)              NOT NULL,
    provider_id         VARCHAR(64)              NOT NULL,
    zone                VARCHAR(64)              NOT NULL,
    worker_id           VARCHAR(64)              NOT NULL,
    planned_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    planned_minutes     INT                      NOT NULL,
    time_critical       BOOLEAN                  NOT NULL,
    status              VARCHAR(20)              NOT NULL,
    late                BOOLEAN                  NOT NULL,
    missed_alerted      BOOLEAN                  NOT NULL,
    checked_in_at       TIMESTAMP WITH TIME ZONE,
    checked_out_at      TIMESTAMP WITH TIME ZONE,
    delivered_minutes   INT,
    short_visit         BOOLEAN                  NOT NULL,
    unused_minutes      INT,
    billable_minutes    INT,
    billable_pence      BIGINT,
    billing_rule        VARCHAR(20),
    hourly_rate_pence   INT                      NOT NULL,
    cancelled_by        VARCHAR(20),
    cancellation_reason VARCHAR(500),
    cancelled_at        TIMESTAMP WITH TIME ZONE,
    notice_minutes      BIGINT,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX visit_view_provider_idx ON visit_view (provider_id, planned_start);
CREATE INDEX visit_view_client_idx ON visit_view (client_ref, planned_start);
CREATE INDEX visit_view_worker_idx ON visit_view (worker_id, planned_start);
CREATE INDEX visit_view_start_idx ON visit_view (planned_start);
