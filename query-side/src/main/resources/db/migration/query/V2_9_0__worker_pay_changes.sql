-- Pay changes of each worker, processing group travel-views (with travel_worker, whose hourly_pay_pence is the pay at
-- registration, in force until the first change). Pay compliance reads the pay in force on each day worked.
CREATE TABLE travel_worker_pay (
    worker_id        VARCHAR(64) NOT NULL,
    effective_from   DATE        NOT NULL,
    hourly_pay_pence INT         NOT NULL,
    PRIMARY KEY (worker_id, effective_from)
);
