-- Unmet need, processing group unmet-need-views. A package waits from its commission until a provider accepts it, and
-- again from a hand-back until the next acceptance: one row per wait, with the offers and declines made during it. The
-- rows keep their instants, so the view answers as of any past instant and per week from the same tables.
CREATE TABLE unmet_need_package (
    package_id     VARCHAR(64) PRIMARY KEY,
    client_ref     VARCHAR(64)              NOT NULL,
    zone           VARCHAR(64)              NOT NULL,
    weekly_minutes INT                      NOT NULL,
    commissioned_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX unmet_need_package_zone_idx ON unmet_need_package (zone);

CREATE TABLE unmet_need_wait (
    package_id      VARCHAR(64)              NOT NULL,
    wait_number     INT                      NOT NULL,
    waiting_since   TIMESTAMP WITH TIME ZONE NOT NULL,
    placed_at       TIMESTAMP WITH TIME ZONE,
    placed_with     VARCHAR(64),
    after_hand_back BOOLEAN                  NOT NULL,
    PRIMARY KEY (package_id, wait_number)
);
CREATE INDEX unmet_need_wait_since_idx ON unmet_need_wait (waiting_since);
CREATE INDEX unmet_need_wait_placed_idx ON unmet_need_wait (placed_at);

CREATE TABLE unmet_need_response (
    package_id      VARCHAR(64)              NOT NULL,
    wait_number     INT                      NOT NULL,
    response_number INT                      NOT NULL,
    provider_id     VARCHAR(64)              NOT NULL,
    kind            VARCHAR(20)              NOT NULL,
    reason          VARCHAR(20),
    responded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (package_id, wait_number, response_number)
);
