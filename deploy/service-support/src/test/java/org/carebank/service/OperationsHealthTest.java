package org.carebank.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Status;

/** The health components' rules, on stand-ins for Axon's processors and connection (the API test reads them live). */
class OperationsHealthTest {

    @Test
    @DisplayName("eventProcessors: position and lag per processor; DOWN with the error's class when a segment fails")
    void processorsPositionLagAndErrors() {
        var healthy = processor(status(40, null));
        var failing = processor(status(12, new IllegalStateException("payload must not reach health")));
        var processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors())
                .thenReturn(Map.<String, EventProcessor>of("visit-views", healthy, "travel-views", failing));
        var store = mock(EventStore.class);
        when(store.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(50));

        var health = new EventProcessorHealth(provider(processing), provider(store)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("head", 50L);
        var processors = (Map<?, ?>) health.getDetails().get("processors");
        var visits = (Map<?, ?>) processors.get("visit-views");
        assertThat(visits.get("position")).isEqualTo(40L);
        assertThat(visits.get("lag")).isEqualTo(10L);
        assertThat(visits.containsKey("error")).isFalse();
        var travel = (Map<?, ?>) processors.get("travel-views");
        assertThat(travel.get("lag")).isEqualTo(38L);
        assertThat(travel.get("error")).isEqualTo("IllegalStateException");
    }

    @Test
    @DisplayName("axonServer: DOWN without the connection to the context, UP with it")
    void axonServerConnection() {
        var connections = mock(AxonServerConnectionManager.class);
        when(connections.getDefaultContext()).thenReturn("default");
        when(connections.isConnected("default")).thenReturn(false);
        assertThat(new AxonServerHealth(connections).health().getStatus()).isEqualTo(Status.DOWN);
        when(connections.isConnected("default")).thenReturn(true);
        var up = new AxonServerHealth(connections).health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("context", "default");
    }

    private static StreamingEventProcessor processor(EventTrackerStatus status) {
        var processor = mock(StreamingEventProcessor.class);
        when(processor.processingStatus()).thenReturn(Map.of(0, status));
        when(processor.isRunning()).thenReturn(true);
        return processor;
    }

    private static EventTrackerStatus status(long position, Throwable error) {
        var status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        when(status.isErrorState()).thenReturn(error != null);
        when(status.getError()).thenReturn(error);
        return status;
    }

    @SuppressWarnings("unchecked")
    private static <T> ObjectProvider<T> provider(T bean) {
        var provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(bean);
        return provider;
    }
}
