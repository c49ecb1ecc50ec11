-- Alerts raised on visits (overdue, missed, escalated) and how they ended: the alerts view, rebuilt from the events by
-- resetting processing group alert-views. responded_at is the first acknowledgement or resolution by a person.
CREATE TABLE alert_view (
    alert_id               VARCHAR(80) PRIMARY KEY,
    kind                   VARCHAR(20)              NOT NULL,
    visit_id               VARCHAR(64)              NOT NULL,
    provider_id            VARCHAR(64)              NOT NULL,
    client_ref             VARCHAR(64)              NOT NULL,
    time_critical          BOOLEAN                  NOT NULL,
    planned_start          TIMESTAMP WITH TIME ZONE NOT NULL,
    raised_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    status                 VARCHAR(20)              NOT NULL,
    escalation_of          VARCHAR(80),
    escalated_as           VARCHAR(80),
    acknowledged_at        TIMESTAMP WITH TIME ZONE,
    acknowledgement_note   VARCHAR(500),
    resolved_at            TIMESTAMP WITH TIME ZONE,
    outcome                VARCHAR(40),
    resolution_note        VARCHAR(500),
    resolved_automatically BOOLEAN                  NOT NULL,
    responded_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_view_provider_raised_idx ON alert_view (provider_id, raised_at);
CREATE INDEX alert_view_status_raised_idx ON alert_view (status, raised_at);
