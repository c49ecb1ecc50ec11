-- Client time banks: totals and balance, open lots, and the ledger (one line per event, numbered by the bank's
-- event sequence so the order is the order of the history).
CREATE TABLE time_bank_view (
    client_ref VARCHAR(64) PRIMARY KEY,
    balance    INT                      NOT NULL,
    banked     INT                      NOT NULL,
    drawn      INT                      NOT NULL,
    expired    INT                      NOT NULL,
    adjusted   INT                      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE time_bank_lot_view (
    client_ref VARCHAR(64)              NOT NULL,
    lot_id     VARCHAR(100)             NOT NULL,
    banked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    remaining  INT                      NOT NULL,
    PRIMARY KEY (client_ref, lot_id)
);
CREATE INDEX time_bank_lot_expiry_idx ON time_bank_lot_view (expires_at);

CREATE TABLE time_bank_ledger (
    client_ref    VARCHAR(64)              NOT NULL,
    line_no       BIGINT                   NOT NULL,
    effective_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(20)              NOT NULL,
    minutes       INT                      NOT NULL,
    balance_after INT                      NOT NULL,
    visit_id      VARCHAR(64),
    reason        VARCHAR(500),
    recorded_by   VARCHAR(200),
    PRIMARY KEY (client_ref, line_no)
);
CREATE INDEX package_view_client_idx ON package_view (client_ref);
