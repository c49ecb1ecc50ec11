package org.carebank.query.live;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.carebank.query.batch.EndOfBatch;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * News of changed views shared by every query instance on one PostgreSQL database, through {@code LISTEN/NOTIFY}.
 * The instance that commits a batch sends {@code NOTIFY carebank_live} inside the batch's own transaction, so
 * PostgreSQL delivers it exactly when the data is committed and drops it with a batch that fails; every instance,
 * this one too, listens on one connection of its own and tells its open streams. A payload names the view and the
 * providers concerned (as many as fit in PostgreSQL's 8,000 bytes; more go in further notifications).
 *
 * <p>A listening connection that breaks is opened again after a second; news sent meanwhile is lost to this
 * instance's streams (a page refetches on its next change, or on reconnecting).
 */
final class PostgresLiveFeed implements LiveFeed, SmartLifecycle {

    static final String CHANNEL = "carebank_live";

    private static final Logger log = LoggerFactory.getLogger(PostgresLiveFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Below PostgreSQL's 8,000-byte payload limit, with room for the view's name and the JSON around the ids. */
    private static final int MAX_PROVIDER_BYTES = 7000;

    private static final int POLL_MILLIS = 500;

    private record News(String view, List<String> providers) {}

    private final LiveUpdates live;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile boolean running;
    private Thread listener;

    PostgresLiveFeed(LiveUpdates live, JdbcClient jdbc, DataSource dataSource) {
        this.live = live;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public void changed(String view, Set<String> providers) {
        if (!CurrentUnitOfWork.isStarted()) {
            notifyAll(view, providers);
            return;
        }
        // Sent just before the batch's transaction commits, in it: delivered on commit, dropped on rollback.
        EndOfBatch.<Set<String>>collect("live-notification-" + view, HashSet::new, touched -> notifyAll(view, touched))
                .addAll(providers);
    }

    private void notifyAll(String view, Set<String> providers) {
        for (String payload : payloads(view, providers)) {
            jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query().singleRow();
        }
    }

    /** One payload, or several when the providers' ids would not fit in one. */
    static List<String> payloads(String view, Set<String> providers) {
        var payloads = new ArrayList<String>();
        var chunk = new ArrayList<String>();
        int bytes = 0;
        for (String provider : new TreeSet<>(providers)) {
            // Its UTF-8 bytes, quotes and comma; ids are plain ASCII (the command side's id rule), so JSON adds no
            // escapes.
            int size = provider.getBytes(StandardCharsets.UTF_8).length + 3;
            if (bytes + size > MAX_PROVIDER_BYTES && !chunk.isEmpty()) {
                payloads.add(JSON.writeValueAsString(new News(view, List.copyOf(chunk))));
                chunk.clear();
                bytes = 0;
            }
            chunk.add(provider);
            bytes += size;
        }
        if (!chunk.isEmpty() || payloads.isEmpty()) {
            payloads.add(JSON.writeValueAsString(new News(view, List.copyOf(chunk))));
        }
        return payloads;
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "live-feed-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                var pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Live updates from other instances paused, listening again in 1 s ({})", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            var news = JSON.readValue(payload, News.class);
            live.changed(news.view(), Set.copyOf(news.providers()));
        } catch (RuntimeException e) {
            log.warn("A live update could not be read and was dropped ({})", e.toString());
        }
    }
}
