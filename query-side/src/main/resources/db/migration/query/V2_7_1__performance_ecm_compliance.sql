-- ECM compliance (issue 19): whether each end of a visit was recorded electronically (kernel EcmVerification) and
-- whether an approved amendment changed it; the amendments themselves, for counts by reason code per period.
ALTER TABLE performance_visit ADD COLUMN check_in_electronic BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE performance_visit ADD COLUMN check_out_electronic BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE performance_visit ADD COLUMN amended BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE performance_amendment (
    visit_id      VARCHAR(64)              NOT NULL,
    amendment_id  VARCHAR(64)              NOT NULL,
    provider_id   VARCHAR(64)              NOT NULL,
    planned_start TIMESTAMP WITH TIME ZONE NOT NULL,
    reason_code   VARCHAR(40)              NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    PRIMARY KEY (visit_id, amendment_id)
);
CREATE INDEX performance_amendment_provider_start_idx ON performance_amendment (provider_id, planned_start);
