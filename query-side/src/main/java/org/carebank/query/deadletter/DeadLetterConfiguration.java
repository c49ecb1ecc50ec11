package org.carebank.query.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every projection parks an event it cannot handle or write as a dead letter instead of stopping (ADR 0010): a JDBC
 * dead-letter queue per processing group, sequenced as the processor is (per aggregate), so a parked event holds back
 * the later events of its own aggregate and no other. Axon's dead-lettering invoker then propagates handler errors
 * (instead of a group's log-and-go-on handler) so that they are parked rather than lost.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /**
     * The projections that write in their handlers rather than through {@code BatchedWrites}: each of their events runs
     * under a savepoint ({@link EventSavepoint}). They handle few events; the batched ones park at the flush instead.
     */
    private static final java.util.List<String> WRITING_IN_HANDLERS = java.util.List.of("time-bank-views");

    /**
     * The queue lives beside the projections and their tokens, in their transactions (the connection provider joins
     * the batch's transaction). The serializers are set explicitly: events, metadata and diagnostics in the event
     * format (Jackson, ADR 0001), the tracking token as the token store writes it.
     */
    @Bean
    ConfigurerModule projectionDeadLetters(
            ConnectionProvider connectionProvider, TransactionManager transactionManager, JdbcTemplate jdbc) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer
                        .eventProcessing()
                        .registerDeadLetterQueueProvider(group -> DeadLetters.isProjection(group)
                                ? config -> new ParkingQueue(
                                        group,
                                        JdbcSequencedDeadLetterQueue.builder()
                                                .processingGroup(group)
                                                .connectionProvider(connectionProvider)
                                                .transactionManager(transactionManager)
                                                .schema(DeadLetterSchema.defaultSchema())
                                                .genericSerializer(config.serializer())
                                                .eventSerializer(config.eventSerializer())
                                                .build())
                                : null)
                        .registerDefaultDeadLetterPolicy(config -> new ParkingPolicy());
                for (String group : WRITING_IN_HANDLERS) {
                    configurer.eventProcessing().registerHandlerInterceptor(group, config -> new EventSavepoint(jdbc));
                }
            }

            /**
             * After Axon's Spring Boot module, which registers its own (property-driven) provider in the same single
             * place and would otherwise replace this one.
             */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
