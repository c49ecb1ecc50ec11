package org.carebank.query.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.visit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.NovemberAtSunrise;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live visit view against a real database, on PostgreSQL and on H2: what it stores for a history equals the fold
 * of the same history, whether a visit's events come in one batch or in many.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class VisitProjectionTest {

    @Parameter
    TestDatabase.Kind database;

    private VisitTable table;
    private EventFeed feed;

    @BeforeEach
    void emptyView() {
        JdbcClient jdbc = TestDatabase.shared(database);
        table = new VisitTable(jdbc);
        feed = new EventFeed(new VisitProjection(table, TestDatabase.batchedWrites(jdbc)));
        feed.reset();
    }

    /** Every visit of the history as the fold makes it, by id. */
    private Map<String, VisitView> folded() {
        var ids = new TreeSet<String>();
        feed.history().forEach(message -> {
            String id = VisitFold.visitIdOf(message.getPayload());
            if (id != null) {
                ids.add(id);
            }
        });
        var views = new TreeMap<String, VisitView>();
        for (String id : ids) {
            VisitFold.fold(feed.history().stream()
                            .filter(message -> id.equals(VisitFold.visitIdOf(message.getPayload())))
                            .toList())
                    .ifPresent(view -> views.put(id, view));
        }
        return views;
    }

    private Map<String, VisitView> stored(Iterable<String> ids) {
        var list = new java.util.ArrayList<String>();
        ids.forEach(list::add);
        return new TreeMap<>(table.byIds(list));
    }

    @Test
    @DisplayName("a month of visits, each event in the batches they came in: every row equals the fold")
    void monthEqualsFold() {
        NovemberAtSunrise.happen(feed);
        var folded = folded();
        assertThat(folded).hasSize(20);
        assertThat(stored(folded.keySet())).isEqualTo(folded);
        assertThat(folded.get("a6").status()).isEqualTo(VisitStatus.DELIVERED);
        assertThat(folded.get("a6").missedAlerted()).isTrue();
        assertThat(folded.get("b4").status()).isEqualTo(VisitStatus.SCHEDULED);
    }

    @Test
    @DisplayName("a visit's whole life in one batch, and the same life one event per batch, store the same row")
    void oneBatchOrMany() {
        var together = visit("together").planned("2026-11-24T09:00:00Z", 60);
        var apart = visit("apart").planned("2026-11-24T09:00:00Z", 60);
        feed.at("2026-11-20T10:00:00Z")
                .given(
                        together.scheduled(),
                        together.rescheduled("2026-11-24T10:00:00Z", 45),
                        together.reassignedTo("bob"),
                        together.missed());
        feed.given((Object[]) together.deliveredEcm("2026-11-24T12:05:00Z", "2026-11-24T12:40:00Z"));
        feed.at("2026-11-20T10:00:00Z").given(apart.scheduled());
        feed.given(apart.rescheduled("2026-11-24T10:00:00Z", 45));
        feed.given(apart.reassignedTo("bob"));
        feed.given(apart.missed());
        for (Object event : apart.deliveredEcm("2026-11-24T12:05:00Z", "2026-11-24T12:40:00Z")) {
            feed.given(event);
        }
        var rows = stored(List.of("together", "apart"));
        assertThat(rows).isEqualTo(folded());
        var a = rows.get("apart");
        var t = rows.get("together");
        assertThat(t).usingRecursiveComparison().ignoringFields("visitId").isEqualTo(a);
        assertThat(t.workerId()).isEqualTo("bob");
        assertThat(t.plannedMinutes()).isEqualTo(45);
        assertThat(t.deliveredMinutes()).isEqualTo(35);
        assertThat(t.missedAlerted()).isTrue();
    }

    @Test
    @DisplayName("a cancellation after check-in and a check-in between two microseconds are stored as folded")
    void cancellationAndMicroseconds() {
        var v = visit("v").planned("2026-11-24T09:00:00Z", 60);
        feed.given(v.scheduled());
        feed.given(new VisitCheckedIn(
                "v", "w", Instant.parse("2026-11-24T09:00:00.123456500Z"), EcmMethod.APP_GPS, null, null, false, 0));
        feed.given(v.cancelled(CancellationInitiator.PROVIDER, "2026-11-24T09:05:00Z"));
        var row = stored(List.of("v")).get("v");
        assertThat(row).isEqualTo(folded().get("v"));
        assertThat(row.status()).isEqualTo(VisitStatus.CANCELLED);
        assertThat(row.checkedInAt()).isEqualTo(Instant.parse("2026-11-24T09:00:00.123457Z"));
    }

    @Test
    @DisplayName("events of a visit never scheduled store nothing, and a reset empties the view")
    void unknownVisitAndReset() {
        var ghost = visit("ghost").planned("2026-11-24T09:00:00Z", 60);
        feed.given(ghost.checkedIn("2026-11-24T09:00:00Z"));
        assertThat(stored(List.of("ghost"))).isEmpty();
        var v = visit("v").planned("2026-11-24T09:00:00Z", 60);
        feed.given(v.scheduled());
        assertThat(stored(List.of("v"))).hasSize(1);
        feed.reset();
        assertThat(stored(List.of("v"))).isEmpty();
    }
}
