package org.carebank.query.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.NovemberAtSunrise;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scratch replay behind every {@code asOf=} dashboard answer (ADR 0023): the performance view as of an instant,
 * replayed from the event store into a scratch copy by the live projection and query classes, equals the view a
 * live projection held when it had seen exactly the events recorded up to that instant; and the live tables are
 * neither read nor written.
 */
class AsOfReplayTest {

    private static final DatePeriod NOVEMBER = new DatePeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));

    /** After the visits were delivered up to 18 November, before the re-rating and the later events. */
    private static final Instant PUBLISHED = Instant.parse("2026-11-19T00:00:00Z");

    @ReadsProjection(PerformanceProjection.PROCESSING_GROUP)
    static final class Dashboard {}

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private AnnotationConfigApplicationContext live;
    private JdbcClient liveTables;
    private List<EventMessage<?>> history;

    @BeforeEach
    void theWholeStoryIsRecordedAndProjectedLive() {
        liveTables = TestDatabase.fresh(TestDatabase.Kind.H2);
        var feed = new EventFeed(PerformanceTestKit.projection(liveTables));
        NovemberAtSunrise.happen(feed);
        history = feed.history();
        store.publish(history);

        live = new AnnotationConfigApplicationContext();
        live.registerBean("jdbcClient", JdbcClient.class, () -> liveTables);
        live.registerBean("jdbcTemplate", JdbcTemplate.class, () -> TestDatabase.jdbcTemplate(liveTables));
        live.registerBean("batchedWrites", BatchedWrites.class, () -> TestDatabase.batchedWrites(liveTables));
        live.registerBean(DashboardCalendar.class, DashboardCalendar::london);
        live.registerBean(PerformanceSettings.class, PerformanceSettings::defaults);
        live.registerBean(EventStore.class, () -> store);
        live.registerBean("performanceProjection", PerformanceProjection.class);
        live.registerBean("performanceQueries", PerformanceQueries.class);
        live.registerBean(AsOfReplay.class);
        live.refresh();
    }

    @AfterEach
    void close() {
        live.close();
        store.shutDown();
    }

    @Test
    @DisplayName("as of an instant: the figures a projection fed the events recorded up to it held, exactly")
    void figuresAsPublished() {
        var published = projectedFrom(history.stream()
                .filter(event -> !event.getTimestamp().isAfter(PUBLISHED))
                .toList());
        var liveNow = figures(live.getBean(PerformanceQueries.class));

        var replayed = live.getBean(AsOfReplay.class)
                .answer(PUBLISHED, Dashboard.class, views -> figures(views.get(PerformanceQueries.class)));

        assertThat(replayed).isEqualTo(published);
        assertThat(liveNow).as("the later events changed the live figures").isNotEqualTo(published);
    }

    @Test
    @DisplayName("the live tables are not touched: the same rows after an as-of answer as before")
    void liveTablesUntouched() {
        var before = figures(live.getBean(PerformanceQueries.class));
        long rows = liveTables
                .sql("SELECT COUNT(*) FROM performance_visit")
                .query(Long.class)
                .single();

        var replay = live.getBean(AsOfReplay.class);
        var early = replay.answer(
                Instant.parse("2026-09-01T10:00:00Z"),
                Dashboard.class,
                views -> figures(views.get(PerformanceQueries.class)));

        assertThat((List<?>) early.get("standings")).hasSize(2); // the two providers admitted at that instant
        assertThat(early.get("visits")).isEqualTo(Map.of());
        assertThat(figures(live.getBean(PerformanceQueries.class))).isEqualTo(before);
        assertThat(liveTables
                        .sql("SELECT COUNT(*) FROM performance_visit")
                        .query(Long.class)
                        .single())
                .isEqualTo(rows);
    }

    @Test
    @DisplayName("before the first event: empty views, no position")
    void beforeTheFirstEvent() {
        var replay = live.getBean(AsOfReplay.class);
        var none = replay.answer(
                Instant.parse("2026-01-01T00:00:00Z"),
                Dashboard.class,
                views -> Map.of("figures", figures(views.get(PerformanceQueries.class)), "position", views.position()));
        assertThat(none.get("figures")).isEqualTo(Map.of("standings", List.of(), "visits", Map.of()));
        assertThat(none.get("position")).isEqualTo(java.util.OptionalLong.empty());
    }

    /** Figures of the view that the later events change: standings (re-rating) and November's visit counts. */
    private static Map<String, Object> figures(PerformanceQueries queries) {
        return Map.of("standings", queries.standings(null), "visits", queries.visitCounts(NOVEMBER, null));
    }

    private static Map<String, Object> projectedFrom(List<EventMessage<?>> events) {
        var tables = TestDatabase.fresh(TestDatabase.Kind.H2);
        var projection = new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(
                PerformanceTestKit.projection(tables));
        var batch = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(events);
        batch.execute(() -> {
            if (projection.canHandle(batch.getMessage())) {
                try {
                    projection.handle(batch.getMessage());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return figures(PerformanceTestKit.queries(tables));
    }
}
