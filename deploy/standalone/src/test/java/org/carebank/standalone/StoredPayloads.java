package org.carebank.standalone;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A stored event's payload read and overwritten in the database, as a tampering database administrator would. */
final class StoredPayloads {

    private final JdbcClient jdbc;

    StoredPayloads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    byte[] read(String eventId) {
        return jdbc.sql("SELECT payload FROM domainevententry WHERE eventidentifier = ?")
                .param(eventId)
                .query(byte[].class)
                .single();
    }

    void overwrite(String eventId, byte[] payload) {
        jdbc.sql("UPDATE domainevententry SET payload = ? WHERE eventidentifier = ?")
                .params(payload, eventId)
                .update();
    }
}
