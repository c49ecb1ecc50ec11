package org.carebank.benchmarks;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.carebank.kernel.serialization.EventJson;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitScheduled;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The peer of issue 23: what a team would write from Axon's reference guide, with its defaults and no tuning. A visit
 * aggregate (schedule, check in, check out, recording Carebank's own visit events), Axon's {@code DefaultConfigurer}
 * (simple command bus, embedded event store), {@code JdbcEventStorageEngine} and {@code JdbcTokenStore} on a Hikari pool
 * of its own database (Hikari's default 10 connections), Spring's JDBC transaction manager (Axon's documented way to
 * give JDBC storage transactions outside Spring Boot), and one {@code TrackingEventProcessor} with default settings
 * (one thread, one segment, batches of one event) projecting visits into one table with plain JDBC.
 *
 * <p>Serializer: Axon's {@link JacksonSerializer} for events, tokens and snapshots, with Carebank's object mapper (Jackson
 * with Java time as ISO strings), so both stores hold the same bytes per event; XStream, Axon 4's default, would need
 * a security allow-list on Java 17 and is deprecated.
 */
final class Peer implements AutoCloseable {

    static final String PROCESSOR = "peer-visits";

    private final HikariDataSource dataSource;
    private final Configuration axon;

    Peer(String url) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        var transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        var connections = new SpringDataSourceConnectionProvider(dataSource);
        var serializer = JacksonSerializer.builder()
                .objectMapper(EventJson.objectMapper())
                .build();
        var engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        var tokens = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .build();
        tokens.createSchema(PostgresTokenTableFactory.INSTANCE);
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(
                """
                CREATE TABLE IF NOT EXISTS peer_visit (
                    visit_id          VARCHAR(255) PRIMARY KEY,
                    provider_id       VARCHAR(255) NOT NULL,
                    client_ref        VARCHAR(255) NOT NULL,
                    worker_id         VARCHAR(255) NOT NULL,
                    planned_start     TIMESTAMP WITH TIME ZONE NOT NULL,
                    planned_minutes   INT NOT NULL,
                    status            VARCHAR(32) NOT NULL,
                    checked_in_at     TIMESTAMP WITH TIME ZONE,
                    checked_out_at    TIMESTAMP WITH TIME ZONE,
                    delivered_minutes INT,
                    billable_pence    BIGINT)""");
        // false: no configurer modules found on the class path (Axon Server's connector is there for the service, and
        // would route the peer's commands and events to an Axon Server that is not running).
        var configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureTransactionManager(c -> transactions)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(PeerVisit.class);
        configurer
                .eventProcessing()
                .usingTrackingEventProcessors()
                .registerTokenStore(c -> tokens)
                .registerEventHandler(c -> new VisitTable(jdbc));
        axon = configurer.start();
    }

    CommandGateway gateway() {
        return axon.commandGateway();
    }

    StreamingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow();
    }

    String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    long scalar(String sql) {
        Long value = new JdbcTemplate(dataSource).queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    void execute(String sql) {
        new JdbcTemplate(dataSource).execute(sql);
    }

    @Override
    public void close() {
        axon.shutdown();
        dataSource.close();
    }

    // ---------------------------------------------------------------- commands

    record Schedule(@TargetAggregateIdentifier String streamId, String visitId, VisitPlan plan) {}

    record CheckIn(@TargetAggregateIdentifier String streamId, Instant at) {}

    record CheckOut(@TargetAggregateIdentifier String streamId, Instant at) {}

    /** The visit lifecycle with its two rules: check in a scheduled visit, check out one in progress. */
    static class PeerVisit {
        @AggregateIdentifier
        private String streamId;

        private String visitId;
        private VisitScheduled scheduled;
        private Instant checkedInAt;
        private boolean inProgress;

        PeerVisit() {}

        @CommandHandler
        PeerVisit(Schedule command) {
            apply(new VisitScheduled(
                    command.visitId(), command.plan(), "PEER-C1", "peer-care", "north", 2400, 30, 120));
        }

        @CommandHandler
        void handle(CheckIn command) {
            if (checkedInAt != null) {
                throw new IllegalStateException("visit " + visitId + " is already checked in");
            }
            apply(JdbcBaselines.checkedIn(visitId, scheduled.plan().workerId(), command.at()));
        }

        @CommandHandler
        void handle(CheckOut command) {
            if (!inProgress) {
                throw new IllegalStateException("visit " + visitId + " is not in progress");
            }
            int minutes =
                    (int) java.time.Duration.between(checkedInAt, command.at()).toMinutes();
            apply(JdbcBaselines.checkedOut(visitId, command.at()));
            apply(JdbcBaselines.delivered(
                    visitId,
                    scheduled.providerId(),
                    scheduled.clientRef(),
                    scheduled.plan().workerId(),
                    checkedInAt,
                    minutes,
                    false));
        }

        @EventSourcingHandler
        void on(VisitScheduled event) {
            streamId = "visit:" + event.visitId();
            visitId = event.visitId();
            scheduled = event;
        }

        @EventSourcingHandler
        void on(VisitCheckedIn event) {
            checkedInAt = event.at();
            inProgress = true;
        }

        @EventSourcingHandler
        void on(VisitCheckedOut event) {
            inProgress = false;
        }
    }

    // ---------------------------------------------------------------- the projection

    /** One row per visit, as a team's first projection would write it: one statement per event. */
    @ProcessingGroup(PROCESSOR)
    static class VisitTable {
        private final JdbcTemplate jdbc;

        VisitTable(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(VisitScheduled event) {
            jdbc.update(
                    "INSERT INTO peer_visit (visit_id, provider_id, client_ref, worker_id, planned_start,"
                            + " planned_minutes, status) VALUES (?, ?, ?, ?, ?, ?, 'SCHEDULED')",
                    event.visitId(),
                    event.providerId(),
                    event.clientRef(),
                    event.plan().workerId(),
                    Timestamp.from(event.plan().plannedStart()),
                    event.plan().plannedMinutes());
        }

        @EventHandler
        void on(VisitCheckedIn event) {
            jdbc.update(
                    "UPDATE peer_visit SET status = 'IN_PROGRESS', checked_in_at = ? WHERE visit_id = ?",
                    Timestamp.from(event.at()),
                    event.visitId());
        }

        @EventHandler
        void on(VisitCheckedOut event) {
            jdbc.update(
                    "UPDATE peer_visit SET status = 'CHECKED_OUT', checked_out_at = ? WHERE visit_id = ?",
                    Timestamp.from(event.at()),
                    event.visitId());
        }

        @EventHandler
        void on(VisitDelivered event) {
            jdbc.update(
                    "UPDATE peer_visit SET status = 'DELIVERED', delivered_minutes = ?, billable_pence = ?"
                            + " WHERE visit_id = ?",
                    event.deliveredMinutes(),
                    event.billing() == null ? null : event.billing().billablePence(),
                    event.visitId());
        }

        @EventHandler
        void on(VisitCancelled event) {
            jdbc.update("UPDATE peer_visit SET status = 'CANCELLED' WHERE visit_id = ?", event.visitId());
        }

        @EventHandler
        void on(VisitMissed event) {
            jdbc.update("UPDATE peer_visit SET status = 'MISSED' WHERE visit_id = ?", event.visitId());
        }

        @ResetHandler
        void reset() {
            jdbc.execute("TRUNCATE peer_visit");
        }
    }
}
