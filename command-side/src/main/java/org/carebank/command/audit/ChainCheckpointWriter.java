package org.carebank.command.audit;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainSigningKey;
import org.carebank.kernel.audit.CheckpointInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs the hash chain (ADR 0005) off the command path: a thread of its own looks every {@code checkpoint-poll} for
 * chain positions that are multiples of {@code checkpoint-every} and not yet signed, and signs the head once more on
 * shutdown. Commands never wait for it; it reads committed links only, never the head's lock.
 *
 * <p>It starts before the web server and the event processors and stops after them (lowest phase), so the shutdown
 * checkpoint covers the last command answered. It never signs below the newest checkpoint it has seen: if checkpoints
 * disappear while it runs, it stops signing and says so, rather than vouch for a history someone may have rewritten.
 */
@Component
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "true", matchIfMissing = true)
class ChainCheckpointWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainCheckpointWriter.class);
    private static final int CATCH_UP_BATCH = 1000;

    private record Link(long position, String link) {}

    private final JdbcClient jdbc;
    private final ChainSigningKey key;
    private final CheckpointInterval interval;
    private final Clock clock;
    private ScheduledExecutorService timer;
    private volatile boolean running;
    /** The newest position this process has seen signed; checkpoints never go backwards. */
    private long newestSeen;

    private boolean stoppedSigning;

    ChainCheckpointWriter(JdbcClient jdbc, ChainSigningKey key, CheckpointInterval interval, Clock clock) {
        this.jdbc = jdbc;
        this.key = key;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "chain-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long pollMillis = interval.poll().toMillis();
        timer.scheduleWithFixedDelay(this::signSafely, 0, pollMillis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * Signs the head on the writer's own thread, after any round in progress, and waits at most 5 s for it: a database
     * that is already gone must not hold the service's stop for a connection timeout. What is not signed now is signed
     * at the next start.
     */
    @Override
    public void stop() {
        running = false;
        try {
            timer.execute(this::signHeadSafely);
        } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
            return;
        }
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                log.warn("No checkpoint signed on shutdown within 5 s; the next start signs what is missing");
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void signHeadSafely() {
        try {
            signHead();
        } catch (DataAccessException e) {
            // The database may already be going away; the next start signs what is missing.
            log.warn("No checkpoint signed on shutdown: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started first and stopped last: after the web server, the deadline scheduler and the event processors. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void signSafely() {
        try {
            signIntervals();
        } catch (DataAccessException e) {
            log.warn("Chain checkpoints not signed this time, retrying: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Chain checkpoints not signed this time, retrying", e);
        }
    }

    /** Signs every not yet signed position that is a multiple of the interval, up to the committed head. */
    synchronized void signIntervals() {
        List<Link> due;
        do {
            long newest = newestCheckpoint();
            if (vanished(newest)) {
                return;
            }
            due = jdbc.sql("SELECT chain_position, link FROM event_chain WHERE chain_position > ?"
                            + " AND MOD(chain_position, ?) = 0 ORDER BY chain_position FETCH FIRST ? ROWS ONLY")
                    .params(newest, interval.events(), CATCH_UP_BATCH)
                    .query((rs, n) -> new Link(rs.getLong(1), rs.getString(2)))
                    .list();
            due.forEach(this::sign);
        } while (due.size() == CATCH_UP_BATCH);
    }

    /**
     * Signs the committed head, if it is not signed yet: the shutdown checkpoint. The head is read first and the
     * intervals up to it signed before it, so no multiple of the interval is left unsigned below a checkpoint (the
     * verifier would take that for a deleted one).
     */
    synchronized void signHead() {
        var head = jdbc.sql("SELECT chain_position, link FROM event_chain_head WHERE id = 1")
                .query((rs, n) -> new Link(rs.getLong(1), rs.getString(2)))
                .single();
        signIntervals();
        long newest = newestCheckpoint();
        if (vanished(newest)) {
            return;
        }
        if (head.position() > newest) {
            sign(head);
            log.info("Signed the chain's head at position {} on shutdown", head.position());
        }
    }

    private long newestCheckpoint() {
        return jdbc.sql("SELECT COALESCE(MAX(chain_position), 0) FROM event_chain_checkpoint")
                .query(Long.class)
                .single();
    }

    private boolean vanished(long newest) {
        if (newest >= newestSeen) {
            stoppedSigning = false;
            return false;
        }
        if (!stoppedSigning) {
            stoppedSigning = true;
            log.warn(
                    "Chain checkpoints up to position {} were signed by this service and are gone from"
                            + " event_chain_checkpoint (newest left: {}). Not signing again until they are restored:"
                            + " the history may have been rewritten (ADR 0005); GET /api/v1/audit/verify with the"
                            + " checkpoints an auditor kept as anchors.",
                    newestSeen,
                    newest);
        }
        return true;
    }

    private void sign(Link link) {
        var checkpoint = ChainCheckpoint.sign(key, link.position(), link.link(), clock.instant());
        try {
            jdbc.sql(
                            """
                            INSERT INTO event_chain_checkpoint (chain_position, link, key_id, signed_at, signature)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(
                            checkpoint.position(),
                            checkpoint.link(),
                            checkpoint.keyId(),
                            checkpoint.signedAt(),
                            checkpoint.signature())
                    .update();
        } catch (DuplicateKeyException signedByAnotherNode) {
            // Another service on the same database signed this position first; its checkpoint stands.
        }
        newestSeen = Math.max(newestSeen, link.position());
    }
}
