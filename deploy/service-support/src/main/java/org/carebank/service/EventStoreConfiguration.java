package org.carebank.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.carebank.kernel.serialization.EventJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedded event store: Axon's JDBC storage engine and token store on the service's own database (H2 file by
 * default, PostgreSQL in production and in the tests of record), in the same transactions as the lookups and the
 * projections. With the {@code axonserver} profile the events live in Axon Server instead, and the token store, the
 * lookups and the projections stay in the service's PostgreSQL. Declared explicitly because Axon's auto-configuration does not recognise Spring Boot 4's class names
 * and would silently run without transactions (ADR 0002).
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** Events are stored as JSON: see {@link EventJson}. Axon's Jackson serializer picks this mapper by name. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return EventJson.objectMapper();
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * A unique violation on (stream, sequence) means another node appended first: Axon turns it into a
     * ConcurrencyException, which the command gateway retries. SQLSTATE 23505 is the unique violation on both
     * PostgreSQL and H2 (Axon's error-code resolver misses PostgreSQL's batched form).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Not on Axon Server (profile {@code axonserver}): there the connector's event store takes its place. Carebank takes
     * no snapshots (its streams are short: a visit has at most five events), so the engine does not look for one before
     * every aggregate load: that query was one of the eight round trips of a check-in (ADR 0008). Taking
     * snapshots for an aggregate means removing this.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        var builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema());
        return new WithoutSnapshots(builder);
    }

    private static final class WithoutSnapshots extends JdbcEventStorageEngine {

        WithoutSnapshots(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }
    }

    /**
     * Replaces Axon's auto-configured embedded store (same monitor and spans) with one that tells the projections when
     * events are committed: {@link AnnouncingEventStore}. The tick bounds the wait for events another node commits.
     */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventFeedSettings feed) {
        var builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        return new AnnouncingEventStore(builder, feed.pollInterval(), feed.gathering());
    }

    /**
     * Tracking tokens live beside the projections they belong to, so a projection's rows and its token commit in one
     * transaction: after a crash nothing is applied twice or skipped. A claim not extended for {@code claim-timeout} is
     * taken over by another instance (ADR 0011). Each instance claims under a name of its own: Axon's default, the
     * JVM's {@code pid@host}, is the same for two instances in one JVM (tests) and for containers that all run as
     * pid 1 on hosts of the same name, and two owners of one name would both process a segment.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, EventFeedSettings feed) {
        return JdbcTokenStore.builder()
                .nodeId(java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getName() + "/"
                        + java.util.UUID.randomUUID().toString().substring(0, 8))
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(feed.claimTimeout())
                .schema(new TokenSchema())
                .build();
    }
}
