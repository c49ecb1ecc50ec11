-- The query instances alive now, each beating its row every claim interval: SegmentBalancer shares every
-- projection's segments between them.
CREATE TABLE projection_instance (
    instance_id VARCHAR(80) PRIMARY KEY,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
