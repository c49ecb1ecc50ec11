-- The command side's own streaming processor (time-bank-amendments, issue 19) keeps its position in Axon's JDBC token
-- store. The command service has its own schema, so it needs the table; in the standalone service the query side's
-- V2_0_0 created it already (hence the version just after it, and IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);
