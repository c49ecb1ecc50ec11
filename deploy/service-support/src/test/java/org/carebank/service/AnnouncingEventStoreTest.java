package org.carebank.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A projection must hear of a commit at once, and of another node's events within the tick. */
class AnnouncingEventStoreTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration GATHERING = Duration.ofMillis(200);

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private AnnouncingEventStore store;

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void a_commit_on_this_node_is_announced_and_the_stream_can_read_it_then() throws Exception {
        store = storeTicking(NEVER);
        var stream = store.openStream(null);
        var announced = announcements(stream);

        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(visitScheduled(0)));

        assertThat(announced.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("visit-1 scheduled");
    }

    @Test
    void commits_in_quick_succession_are_announced_together() throws Exception {
        store = storeTicking(NEVER);
        var stream = store.openStream(null);
        var announced = announcements(stream);

        for (int i = 0; i < 20; i++) {
            long sequence = i;
            DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(visitScheduled(sequence)));
        }

        assertThat(announced.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(GATHERING.toMillis() * 3);
        assertThat(announced.availablePermits())
                .as("twenty commits within the gathering time, announced once or twice")
                .isLessThan(2);
        assertThat(stream.asStream().limit(20).count()).isEqualTo(20);
    }

    @Test
    void a_projection_whose_callback_fails_does_not_keep_the_others_from_hearing() throws Exception {
        store = storeTicking(Duration.ofMillis(50));
        var failing = store.openStream(null);
        assertThat(failing.setOnAvailableCallback(() -> {
                    throw new IllegalStateException("coordinator gone");
                }))
                .isTrue();
        var announced = announcements(store.openStream(null));

        assertThat(announced.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        announced.drainPermits();
        assertThat(announced.tryAcquire(5, TimeUnit.SECONDS))
                .as("the tick goes on")
                .isTrue();
    }

    @Test
    void a_rolled_back_unit_of_work_is_not_announced() throws Exception {
        store = storeTicking(NEVER);
        var announced = announcements(store.openStream(null));

        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(visitScheduled(0));
        unitOfWork.rollback();

        assertThat(announced.tryAcquire(GATHERING.toMillis() * 3, TimeUnit.MILLISECONDS))
                .isFalse();
        assertThat(storage.readEvents(null, false).count()).isZero();
    }

    @Test
    void events_another_node_committed_are_announced_on_the_tick() throws Exception {
        store = storeTicking(Duration.ofMillis(50));
        var stream = store.openStream(null);
        var announced = announcements(stream);

        storage.appendEvents(visitScheduled(0));

        assertThat(announced.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).isTrue();
    }

    @Test
    void a_closed_stream_hears_no_more() throws Exception {
        store = storeTicking(NEVER);
        var stream = store.openStream(null);
        var announced = announcements(stream);
        stream.close();

        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(visitScheduled(0)));

        assertThat(announced.tryAcquire(GATHERING.toMillis() * 3, TimeUnit.MILLISECONDS))
                .isFalse();
    }

    private AnnouncingEventStore storeTicking(Duration tick) {
        return new AnnouncingEventStore(EmbeddedEventStore.builder().storageEngine(storage), tick, GATHERING);
    }

    private static Semaphore announcements(TrackingEventStream stream) {
        var announced = new Semaphore(0);
        assertThat(stream.setOnAvailableCallback(announced::release)).isTrue();
        return announced;
    }

    private static GenericDomainEventMessage<String> visitScheduled(long sequence) {
        return new GenericDomainEventMessage<>("Visit", "visit-1", sequence, "visit-1 scheduled");
    }
}
