-- Payments (issue 18, ADR 0015): rates, billing rules and payment facts per visit (for the statement preview), and
-- the issued statements with their lines. Positions are the audit-feed positions of the events that set each fact.
CREATE TABLE payment_rate_view (
    package_id        VARCHAR(64)  NOT NULL,
    rate_id           VARCHAR(64)  NOT NULL,
    hourly_rate_pence INT          NOT NULL,
    effective_from    DATE         NOT NULL,
    reason            VARCHAR(500),
    recorded_by       VARCHAR(200),
    position          BIGINT
);
CREATE INDEX payment_rate_view_package_idx ON payment_rate_view (package_id);

CREATE TABLE payment_rule_view (
    provider_id       VARCHAR(64) NOT NULL,
    effective_from    DATE        NOT NULL,
    rule              VARCHAR(20) NOT NULL,
    unit_minutes      INT         NOT NULL,
    tolerance_minutes INT         NOT NULL,
    minimum_minutes   INT         NOT NULL,
    position          BIGINT
);
CREATE INDEX payment_rule_view_provider_idx ON payment_rule_view (provider_id);

CREATE TABLE payment_visit_view (
    visit_id           VARCHAR(64)  PRIMARY KEY,
    provider_id        VARCHAR(64)  NOT NULL,
    client_ref         VARCHAR(64)  NOT NULL,
    package_id         VARCHAR(64)  NOT NULL,
    planned_date       DATE         NOT NULL,
    planned_minutes    INT          NOT NULL,
    delivered          BOOLEAN      NOT NULL,
    cancelled          BOOLEAN      NOT NULL,
    delivered_minutes  INT          NOT NULL,
    exceptions         VARCHAR(200) NOT NULL,
    accepted           BOOLEAN      NOT NULL,
    drawn_minutes      INT          NOT NULL,
    amendment_pending  BOOLEAN      NOT NULL,
    delivered_position BIGINT,
    verified_position  BIGINT,
    accepted_position  BIGINT
);
CREATE INDEX payment_visit_view_provider_idx ON payment_visit_view (provider_id, planned_date);

CREATE TABLE statement_view (
    provider_id     VARCHAR(64)              NOT NULL,
    statement_id    VARCHAR(64)              NOT NULL,
    period_from     DATE                     NOT NULL,
    period_to       DATE                     NOT NULL,
    issued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    visits          INT                      NOT NULL,
    payable_minutes BIGINT                   NOT NULL,
    payable_pence   BIGINT                   NOT NULL,
    position        BIGINT,
    PRIMARY KEY (provider_id, statement_id)
);

CREATE TABLE statement_line_view (
    provider_id             VARCHAR(64) NOT NULL,
    statement_id            VARCHAR(64) NOT NULL,
    line_no                 INT         NOT NULL,
    visit_id                VARCHAR(64) NOT NULL,
    client_ref              VARCHAR(64) NOT NULL,
    package_id              VARCHAR(64) NOT NULL,
    line_date               DATE        NOT NULL,
    delivered_minutes       INT         NOT NULL,
    billable_minutes        INT         NOT NULL,
    hourly_rate_pence       INT         NOT NULL,
    amount_pence            BIGINT      NOT NULL,
    rule                    VARCHAR(20) NOT NULL,
    unit_minutes            INT         NOT NULL,
    tolerance_minutes       INT         NOT NULL,
    minimum_minutes         INT         NOT NULL,
    rate_id                 VARCHAR(64) NOT NULL,
    rule_effective_from     DATE,
    drawn_from_bank_minutes INT         NOT NULL,
    adjustment_of           VARCHAR(130),
    PRIMARY KEY (provider_id, statement_id, line_no)
);
CREATE INDEX statement_line_view_visit_idx ON statement_line_view (provider_id, visit_id);
