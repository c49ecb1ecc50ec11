package org.carebank.query.rebuild;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The query instances sharing the projections, as the database knows them: who is alive (a heartbeat row each,
 * stamped with the database's clock so that clock skew between hosts cannot hide one) and which projection one of
 * them is rebuilding, for which it needs every segment. An instance counts as alive while its last beat is at most two
 * claim intervals old (one missed beat is forgiven); the token store's own claim timeout decides when its segments may
 * be taken over (ADR 0011).
 */
@Component
class ProjectionInstances {

    private final JdbcClient jdbc;
    private final long timeoutSeconds;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile Set<String> rebuildingElsewhere = Set.of();
    private final Set<String> rebuildingHere = ConcurrentHashMap.newKeySet();

    ProjectionInstances(JdbcClient jdbc, ProjectionSettings settings) {
        this.jdbc = jdbc;
        this.timeoutSeconds = Math.max(1, 2 * settings.claimInterval().toSeconds());
    }

    /** Records this instance as alive and learns what the others are rebuilding; returns how many are alive. */
    int beat() {
        int updated = jdbc.sql("UPDATE projection_instance SET last_seen = CURRENT_TIMESTAMP WHERE instance_id = ?")
                .param(instanceId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO projection_instance (instance_id, last_seen) VALUES (?, CURRENT_TIMESTAMP)")
                    .param(instanceId)
                    .update();
        }
        jdbc.sql("DELETE FROM projection_instance WHERE last_seen < " + since(10 * timeoutSeconds))
                .update();
        rebuildingElsewhere = new HashSet<>(
                jdbc.sql("SELECT r.processor_name FROM projection_rebuild_request r JOIN projection_instance i"
                                + " ON i.instance_id = r.requested_by WHERE r.requested_by <> ? AND i.last_seen >= "
                                + since(timeoutSeconds))
                        .param(instanceId)
                        .query(String.class)
                        .list());
        Long live = jdbc.sql("SELECT COUNT(*) FROM projection_instance WHERE last_seen >= " + since(timeoutSeconds))
                .query(Long.class)
                .single();
        return (int) Math.max(1, live);
    }

    void leave() {
        jdbc.sql("DELETE FROM projection_instance WHERE instance_id = ?")
                .param(instanceId)
                .update();
    }

    /** Asks the other instances to hand over every segment of the projection until {@link #rebuilt} is called. */
    void rebuilding(String processorName) {
        rebuildingHere.add(processorName);
        jdbc.sql("DELETE FROM projection_rebuild_request WHERE processor_name = ?")
                .param(processorName)
                .update();
        jdbc.sql("INSERT INTO projection_rebuild_request (processor_name, requested_by, requested_at)"
                        + " VALUES (?, ?, CURRENT_TIMESTAMP)")
                .params(processorName, instanceId)
                .update();
    }

    void rebuilt(String processorName) {
        rebuildingHere.remove(processorName);
        jdbc.sql("DELETE FROM projection_rebuild_request WHERE processor_name = ? AND requested_by = ?")
                .params(processorName, instanceId)
                .update();
    }

    /** Whether this instance asked for the projection's segments to rebuild it and has not finished yet. */
    boolean rebuildingHere(String processorName) {
        return rebuildingHere.contains(processorName);
    }

    /** Whether another live instance was rebuilding the projection at the last heartbeat. */
    boolean rebuildingElsewhere(String processorName) {
        return rebuildingElsewhere.contains(processorName);
    }

    private static String since(long seconds) {
        return "CURRENT_TIMESTAMP - INTERVAL '" + seconds + "' SECOND";
    }
}
