package org.carebank.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.alert.AlertAcknowledged;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.carebank.kernel.alert.AlertStatus;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The alerts view on PostgreSQL and H2: the stored rows equal the fold, and the response-time figures by hand. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AlertViewTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    @Parameter
    TestDatabase.Kind database;

    private AlertTable table;
    private EventFeed feed;
    private JdbcClient jdbc;

    @BeforeEach
    void emptyView() {
        jdbc = TestDatabase.shared(database);
        table = new AlertTable(jdbc);
        feed = new EventFeed(new AlertProjection(table, TestDatabase.batchedWrites(jdbc)));
        feed.reset();
    }

    private static Instant at(int minutesAfterStart) {
        return START.plusSeconds(minutesAfterStart * 60L);
    }

    private static AlertRaised raised(String visit, int n, AlertKind kind, String provider, int minute) {
        return new AlertRaised(
                visit + ":" + n,
                kind,
                visit,
                provider,
                "C-" + visit,
                kind != AlertKind.OVERDUE,
                START,
                at(minute),
                null);
    }

    private static AlertView folded(
            List<? extends org.axonframework.eventhandling.EventMessage<?>> history, String id) {
        return AlertFold.fold(id, history).orElseThrow();
    }

    @Test
    @DisplayName("an alert raised, acknowledged and resolved: the stored row is the fold, with its times")
    void lifecycle() {
        feed.at(at(30)).given(raised("v1", 1, AlertKind.OVERDUE, "sunrise", 30));
        feed.at(at(34)).given(new AlertAcknowledged("v1:1", "v1", "sunrise", "calling", at(34)));
        feed.at(at(50))
                .given(new AlertResolved(
                        "v1:1", "v1", "sunrise", AlertOutcome.CLIENT_NOT_AT_HOME, "in hospital", at(50), false));

        AlertView stored = table.byIds(List.of("v1:1")).get("v1:1");
        assertThat(stored).isEqualTo(folded(feed.history(), "v1:1"));
        assertThat(stored.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(stored.acknowledgedAt()).isEqualTo(at(34));
        assertThat(stored.respondedAt()).isEqualTo(at(34));
        assertThat(stored.resolvedAt()).isEqualTo(at(50));
        assertThat(stored.outcome()).isEqualTo(AlertOutcome.CLIENT_NOT_AT_HOME);
    }

    @Test
    @DisplayName("an escalation links the two alerts; an automatic resolution is no response by a person")
    void escalationAndAutomaticResolution() {
        feed.at(at(15)).given(raised("v2", 1, AlertKind.OVERDUE, "sunrise", 15));
        feed.at(at(30))
                .given(
                        new AlertEscalated("v2:1", "v2", "sunrise", "v2:2", 15, at(30)),
                        new AlertRaised(
                                "v2:2", AlertKind.ESCALATED, "v2", "sunrise", "C-v2", true, START, at(30), "v2:1"));
        feed.at(at(40))
                .given(
                        new AlertResolved(
                                "v2:1", "v2", "sunrise", AlertOutcome.WORKER_ARRIVED, "checked in", at(40), true),
                        new AlertResolved(
                                "v2:2", "v2", "sunrise", AlertOutcome.WORKER_ARRIVED, "checked in", at(40), true));

        var rows = table.byIds(List.of("v2:1", "v2:2"));
        assertThat(rows.get("v2:1")).isEqualTo(folded(feed.history(), "v2:1"));
        assertThat(rows.get("v2:2")).isEqualTo(folded(feed.history(), "v2:2"));
        assertThat(rows.get("v2:1").escalatedAs()).isEqualTo("v2:2");
        assertThat(rows.get("v2:2").escalationOf()).isEqualTo("v2:1");
        assertThat(rows.get("v2:1").respondedAt()).isNull();
        assertThat(rows.get("v2:1").resolvedAutomatically()).isTrue();
    }

    @Test
    @DisplayName("the list is scoped to the caller's provider, filtered, and oldest first")
    void listScopedAndFiltered() {
        feed.at(at(60)).given(raised("v3", 1, AlertKind.MISSED, "sunrise", 60));
        feed.at(at(30)).given(raised("v4", 1, AlertKind.OVERDUE, "sunrise", 30));
        feed.at(at(30)).given(raised("v5", 1, AlertKind.OVERDUE, "moonlight", 30));

        var all = table.list(new AlertTable.Filter(null, null, null, null, null, null, null), 100);
        assertThat(all).extracting(AlertView::alertId).containsExactly("v4:1", "v5:1", "v3:1");
        var sunrise = table.list(new AlertTable.Filter("sunrise", null, null, null, null, null, null), 100);
        assertThat(sunrise).extracting(AlertView::alertId).containsExactly("v4:1", "v3:1");
        var missed = table.list(new AlertTable.Filter(null, null, null, AlertKind.MISSED, null, null, null), 100);
        assertThat(missed).extracting(AlertView::alertId).containsExactly("v3:1");
        var otherProvidersFilter =
                table.list(new AlertTable.Filter("sunrise", "moonlight", null, null, null, null, null), 100);
        assertThat(otherProvidersFilter).isEmpty();
    }

    @Test
    @DisplayName("time to acknowledge and to resolve, p50 and p90 by nearest rank, per provider")
    void responseTimes() {
        // ten alerts acknowledged after 1..10 minutes and resolved after 10..100 minutes
        for (int i = 1; i <= 10; i++) {
            String visit = "r" + i;
            feed.at(at(0)).given(raised(visit, 1, AlertKind.OVERDUE, "sunrise", 0));
            feed.at(at(i)).given(new AlertAcknowledged(visit + ":1", visit, "sunrise", null, at(i)));
            feed.at(at(10 * i))
                    .given(new AlertResolved(
                            visit + ":1", visit, "sunrise", AlertOutcome.OTHER, "sorted", at(10 * i), false));
        }
        feed.at(at(0)).given(raised("open", 1, AlertKind.OVERDUE, "moonlight", 0));

        var day = new DatePeriod(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23));
        var figures = new AlertResponses(jdbc, DashboardCalendar.london()).byProvider(day, null);

        var sunrise = figures.get("sunrise");
        assertThat(sunrise.alertsRaised()).isEqualTo(10);
        assertThat(sunrise.acknowledgeP50Minutes()).isEqualTo(5);
        assertThat(sunrise.acknowledgeP90Minutes()).isEqualTo(9);
        assertThat(sunrise.resolveP50Minutes()).isEqualTo(50);
        assertThat(sunrise.resolveP90Minutes()).isEqualTo(90);
        var moonlight = figures.get("moonlight");
        assertThat(moonlight.alertsRaised()).isEqualTo(1);
        assertThat(moonlight.acknowledgeP50Minutes()).isNull();
        var nextDay = new DatePeriod(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24));
        assertThat(new AlertResponses(jdbc, DashboardCalendar.london()).byProvider(nextDay, "sunrise"))
                .isEmpty();
    }
}
