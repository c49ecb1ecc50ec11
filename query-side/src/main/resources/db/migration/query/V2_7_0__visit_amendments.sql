-- Visit maintenance (issue 19). The visit view keeps the ECM times an approved amendment replaced, and the visit's
-- latest amendment; amendment_view is the council's queue, one row per amendment with its before and after.
ALTER TABLE visit_view ADD COLUMN original_checked_in_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE visit_view ADD COLUMN original_checked_out_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE visit_view ADD COLUMN amended BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE visit_view ADD COLUMN amendment_id VARCHAR(64);
ALTER TABLE visit_view ADD COLUMN amendment_status VARCHAR(16);
ALTER TABLE visit_view ADD COLUMN amendment_reason VARCHAR(40);
ALTER TABLE visit_view ADD COLUMN amendment_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE visit_view ADD COLUMN amendment_decided_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE amendment_view (
    visit_id            VARCHAR(64)              NOT NULL,
    amendment_id        VARCHAR(64)              NOT NULL,
    provider_id         VARCHAR(64)              NOT NULL,
    client_ref          VARCHAR(64)              NOT NULL,
    worker_id           VARCHAR(64)              NOT NULL,
    planned_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(16)              NOT NULL,
    reason_code         VARCHAR(40)              NOT NULL,
    note                VARCHAR(1000),
    status_before       VARCHAR(16)              NOT NULL,
    before_started_at   TIMESTAMP WITH TIME ZONE,
    before_ended_at     TIMESTAMP WITH TIME ZONE,
    before_minutes      INT                      NOT NULL,
    before_ended_early  BOOLEAN                  NOT NULL,
    before_not_delivered BOOLEAN                 NOT NULL,
    after_started_at    TIMESTAMP WITH TIME ZONE,
    after_ended_at      TIMESTAMP WITH TIME ZONE,
    after_minutes       INT                      NOT NULL,
    after_ended_early   BOOLEAN                  NOT NULL,
    after_not_delivered BOOLEAN                  NOT NULL,
    requested_by        VARCHAR(200)             NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by          VARCHAR(200),
    decided_at          TIMESTAMP WITH TIME ZONE,
    decision_note       VARCHAR(1000),
    automatic           BOOLEAN DEFAULT FALSE    NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (visit_id, amendment_id)
);
CREATE INDEX amendment_view_queue_idx ON amendment_view (provider_id, status, requested_at);
