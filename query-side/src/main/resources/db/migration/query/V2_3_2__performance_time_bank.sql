-- Time bank figures of the provider performance view: minutes banked from the provider's visits, and drawn or
-- expired from the lots those deposits opened, as they happened.
CREATE TABLE performance_time_bank_lot (
    client_ref  VARCHAR(64)  NOT NULL,
    lot_id      VARCHAR(100) NOT NULL,
    provider_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (client_ref, lot_id)
);

CREATE TABLE performance_time_bank_move (
    event_id    VARCHAR(64)              NOT NULL,
    provider_id VARCHAR(64)              NOT NULL,
    kind        VARCHAR(20)              NOT NULL,
    minutes     INT                      NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_id, provider_id)
);
CREATE INDEX performance_time_bank_move_provider_idx ON performance_time_bank_move (provider_id, occurred_at);
