package org.carebank.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The retry schedule and the URL allow-list of webhook delivery, at their boundaries. */
class RetryScheduleTest {

    private static final WebhookSettings DEFAULTS = new WebhookSettings(
            List.of("127.0.0.1", "localhost", "[::1]"),
            Duration.ofSeconds(10),
            Duration.ofHours(1),
            Duration.ofHours(24),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofMinutes(2),
            true);

    private static final Instant QUEUED = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    @DisplayName("the delay doubles from 10 s per attempt, capped at 1 h, each cut to a random 50-100%")
    void exponentialWithJitter() {
        var longest = new RetrySchedule(DEFAULTS, () -> 1.0);
        var shortest = new RetrySchedule(DEFAULTS, () -> 0.0);
        assertThat(longest.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(longest.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(longest.delayAfter(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(shortest.delayAfter(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(longest.delayAfter(10)).isEqualTo(Duration.ofHours(1));
        assertThat(longest.delayAfter(200)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("retried for 24 h from queueing: the last attempt at the end of it, then failed")
    void retriedForADay() {
        var schedule = new RetrySchedule(DEFAULTS, () -> 1.0);
        assertThat(schedule.nextAttempt(QUEUED, QUEUED.plusSeconds(5), 1)).isEqualTo(QUEUED.plusSeconds(15));
        Instant nearlyADay = QUEUED.plus(Duration.ofHours(23).plusMinutes(30));
        assertThat(schedule.nextAttempt(QUEUED, nearlyADay, 20)).isEqualTo(QUEUED.plus(Duration.ofHours(24)));
        assertThat(schedule.nextAttempt(QUEUED, QUEUED.plus(Duration.ofHours(24)), 21))
                .isNull();
    }

    @Test
    @DisplayName("only http(s) to an allowed host, without user info: loopback by default, never the council network")
    void allowList() {
        var allowList = new UrlAllowList(DEFAULTS);
        assertThat(allowList.allows("http://127.0.0.1:9000/hook")).isTrue();
        assertThat(allowList.allows("https://LOCALHOST/hook")).isTrue();
        assertThat(allowList.allows("http://[::1]:8080/hook")).isTrue();
        for (String refused : List.of(
                "http://10.0.0.5/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://127.0.0.1.example.com/hook",
                "ftp://127.0.0.1/hook",
                "http://user:pw@127.0.0.1/hook",
                "not a url")) {
            assertThat(allowList.allows(refused)).as(refused).isFalse();
        }
        assertThatThrownBy(() -> allowList.require("http://10.0.0.5/hook"))
                .isInstanceOfSatisfying(
                        CommandRefusedException.class,
                        e -> assertThat(e.refusal().type()).isEqualTo("webhook-url-not-allowed"));
    }

    @Test
    @DisplayName("a new event type is one mapping entry: the mapped ones name their provider and visit")
    void mappedEvents() {
        var missed = new org.carebank.kernel.visit.VisitMissed("v-1", "p-1", "C-1", "w-1", QUEUED, 120, QUEUED);
        var notification = WebhookEvents.of(missed).orElseThrow();
        assertThat(notification.type()).isEqualTo("visit.missed");
        assertThat(notification.providerId()).isEqualTo("p-1");
        assertThat(notification.orderingKey()).isEqualTo("v-1");
        assertThat(WebhookEvents.of("not an event")).isEmpty();
        assertThat(WebhookEvents.TYPES).contains("amendment.requested", "statement.issued");
    }

    @Test
    @DisplayName("an amendment request reaches its provider's subscribers as amendment.requested, ordered by visit")
    void amendmentRequested() {
        var times = new org.carebank.kernel.visit.VisitTimes(QUEUED, QUEUED.plusSeconds(1800), 30, false, false);
        var requested = new org.carebank.kernel.visit.VisitAmendmentRequested(
                "v-2",
                "a-1",
                "p-2",
                "C-2",
                "w-2",
                QUEUED,
                org.carebank.kernel.visit.VisitStatus.DELIVERED,
                times,
                times,
                org.carebank.kernel.visit.AmendmentReason.WRONG_TIME_RECORDED,
                "phone clock wrong",
                "coordinator",
                QUEUED);
        var notification = WebhookEvents.of(requested).orElseThrow();
        assertThat(notification.type()).isEqualTo("amendment.requested");
        assertThat(notification.providerId()).isEqualTo("p-2");
        assertThat(notification.orderingKey()).isEqualTo("v-2");
    }

    @Test
    @DisplayName("a statement issued reaches its provider's subscribers as statement.issued with its totals only")
    void statementIssued() {
        var issued = new org.carebank.kernel.payment.StatementIssued(
                "st-1",
                "p-3",
                java.time.LocalDate.of(2026, 11, 1),
                java.time.LocalDate.of(2026, 11, 30),
                QUEUED,
                2,
                90,
                3600,
                java.util.List.of());
        var notification = WebhookEvents.of(issued).orElseThrow();
        assertThat(notification.type()).isEqualTo("statement.issued");
        assertThat(notification.providerId()).isEqualTo("p-3");
        assertThat(notification.orderingKey()).isEqualTo("statements:p-3");
        assertThat(notification.data())
                .isEqualTo(new WebhookEvents.StatementSummary(
                        "st-1",
                        "p-3",
                        java.time.LocalDate.of(2026, 11, 1),
                        java.time.LocalDate.of(2026, 11, 30),
                        QUEUED,
                        2,
                        90,
                        3600));
    }
}
