-- A rebuild asked of one query instance needs every segment of the projection: while its row is here (and its
-- instance alive), the other instances hand their segments of it over and answer 503 for it.
CREATE TABLE projection_rebuild_request (
    processor_name VARCHAR(255) PRIMARY KEY,
    requested_by VARCHAR(80) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);
