-- Pay changes of each worker, processing group travel-views (with travel_worker, whose hourly_pay_pence is the pay at
-- registration, in force until the first change). Pay compliance reads the pay in force on each day worked.
CREATE TABLE travel_worker_pay (
    worker_id        VARCHAR(64) NOT NULL,
    effective_from   DATE        NOT NULL,
    hourly_pay_pence INT         NOT NULL,
    PRIMARY KEY (worker_id, effective_from)
);

-- Leavers, processing group performance-views: a worker's leaving date gives the provider's turnover.
ALTER TABLE performance_worker ADD COLUMN left_on DATE;

-- Action plans of providers rated Requires Improvement, processing group performance-views. Overdue is decided when
-- asked (due date passed, not completed), never stored.
CREATE TABLE performance_action_plan (
    provider_id    VARCHAR(64)  NOT NULL,
    plan_id        VARCHAR(64)  NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    due_by         DATE         NOT NULL,
    opened_on      DATE         NOT NULL,
    completed_on   DATE,
    completed_late BOOLEAN,
    PRIMARY KEY (provider_id, plan_id)
);

-- Qualifications and training of the workers, processing group performance-views (the Charter view reads them).
CREATE TABLE performance_qualification (
    qualification_id VARCHAR(64) NOT NULL,
    worker_id        VARCHAR(64) NOT NULL,
    kind             VARCHAR(30) NOT NULL,
    achieved_on      DATE        NOT NULL,
    expires_on       DATE,
    PRIMARY KEY (worker_id, qualification_id)
);
