-- What a time bank deposit needs to know about a visit (rule 5): whose it is, whether it was delivered and ended
-- early at the client's request, the unused minutes and when it ended. Written with the visit's events.
CREATE TABLE bankable_visit (
    visit_id       VARCHAR(64) PRIMARY KEY,
    client_ref     VARCHAR(64)              NOT NULL,
    provider_id    VARCHAR(64)              NOT NULL,
    package_id     VARCHAR(64)              NOT NULL,
    delivered      BOOLEAN                  NOT NULL,
    ended_early    BOOLEAN                  NOT NULL,
    unused_minutes INT                      NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX package_lookup_client_idx ON package_lookup (client_ref, provider_id);
