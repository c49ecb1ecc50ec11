package org.carebank.query.unmetneed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Unmet need worked by hand. North: P1 commissioned 1 Nov, offered to A and declined (no capacity), offered to B and
 * accepted 11 Nov (10 days); P2 commissioned 2 Nov and still waiting; P3 commissioned 3 Nov, accepted 5 Nov (2 days),
 * handed back 20 Nov and waiting again. South: P4 commissioned 1 Nov, accepted 8 Nov (7 days).
 */
class UnmetNeedFoldTest {

    private static final Instant ASOF = Instant.parse("2026-11-25T12:00:00Z");

    private static Instant day(int november) {
        return Instant.parse(String.format("2026-11-%02dT09:00:00Z", november));
    }

    private static PackageCommissioned commissioned(String id, String zone, int weeklyMinutes) {
        return new PackageCommissioned(
                id, "C-" + id, zone, weeklyMinutes, 2400, false, LocalDate.of(2026, 11, 1), null);
    }

    private static PackageWaits fold(List<Object[]> events) {
        PackageWaits view = null;
        for (Object[] e : events) {
            view = UnmetNeedFold.apply(view, e[0], (Instant) e[1]);
        }
        return view;
    }

    private static Object[] at(Object event, Instant at) {
        return new Object[] {event, at};
    }

    static List<PackageWaits> november() {
        var all = new ArrayList<PackageWaits>();
        all.add(fold(List.of(
                at(commissioned("P1", "north", 420), day(1)),
                at(new PackageOffered("P1", "A"), day(2)),
                at(new PackageDeclined("P1", "A", DeclineReason.NO_CAPACITY, null), day(3)),
                at(new PackageOffered("P1", "B"), day(4)),
                at(new PackageAccepted("P1", "B", "C-P1"), day(11)))));
        all.add(fold(List.of(
                at(commissioned("P2", "north", 300), day(2)),
                at(new PackageOffered("P2", "A"), day(3)),
                at(new PackageDeclined("P2", "A", DeclineReason.NO_COVERAGE, "rural"), day(4)),
                at(new PackageOffered("P2", "B"), day(26)))));
        all.add(fold(List.of(
                at(commissioned("P3", "north", 120), day(3)),
                at(new PackageOffered("P3", "A"), day(4)),
                at(new PackageAccepted("P3", "A", "C-P3"), day(5)),
                at(new PackageHandedBack("P3", "A", "staff left", LocalDate.of(2026, 11, 20)), day(20)))));
        all.add(fold(List.of(
                at(commissioned("P4", "south", 600), day(1)),
                at(new PackageOffered("P4", "C"), day(1)),
                at(new PackageAccepted("P4", "C", "C-P4"), day(8)))));
        return all;
    }

    @Test
    @DisplayName("a package waits from commission to acceptance, and again after a hand-back")
    void waits() {
        var p3 = november().get(2);
        assertThat(p3.waits()).hasSize(2);
        assertThat(p3.waits().get(0).placedAt()).isEqualTo(day(5));
        assertThat(p3.waits().get(1).since()).isEqualTo(day(20));
        assertThat(p3.waits().get(1).afterHandBack()).isTrue();
        assertThat(p3.waits().get(1).open()).isTrue();
    }

    @Test
    @DisplayName(
            "as of 25 Nov: P2 (23 days, 1 offer, 1 decline) and P3 (5 days, handed back) wait; offers after asOf don't count")
    void waitingAsOf() {
        var waiting = UnmetNeedFigures.waiting(november(), ASOF);
        assertThat(waiting).extracting(UnmetNeed.WaitingPackage::packageId).containsExactly("P2", "P3");
        var p2 = waiting.get(0);
        assertThat(p2.waitingDays()).isEqualTo(23); // 2 Nov 09:00 to 25 Nov 12:00
        assertThat(p2.offers()).as("the offer of 26 Nov is after asOf").isEqualTo(1);
        assertThat(p2.declines()).containsExactly(new UnmetNeed.Decline("A", "NO_COVERAGE"));
        var p3 = waiting.get(1);
        assertThat(p3.waitingDays()).isEqualTo(5);
        assertThat(p3.handedBack()).isTrue();
        assertThat(p3.offers()).isZero();
    }

    @Test
    @DisplayName(
            "per zone: north 2 waiting, 420 min/week, 1 handed back; placed in November 10 and 2 days: median 2, p90 10")
    void zones() {
        var zones = UnmetNeedFigures.zones(
                november(),
                List.of("north", "south", "west"),
                ASOF,
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(zones)
                .containsExactly(
                        new UnmetNeed.Zone("north", 2, 420, 1, 2, 2L, 10L),
                        new UnmetNeed.Zone("south", 0, 0, 0, 1, 7L, 7L),
                        new UnmetNeed.Zone("west", 0, 0, 0, 0, null, null));
    }

    @Test
    @DisplayName("before P1 was placed (10 Nov), it waits too, and its placement is not yet in the period")
    void earlierAsOf() {
        var zones = UnmetNeedFigures.zones(
                november(),
                List.of("north", "south"),
                Instant.parse("2026-11-10T12:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"));
        // P1 and P2 wait (420 + 300); P3 was placed on 5 Nov after 2 days
        assertThat(zones)
                .containsExactly(
                        new UnmetNeed.Zone("north", 2, 720, 0, 1, 2L, 2L),
                        new UnmetNeed.Zone("south", 0, 0, 0, 1, 7L, 7L));
    }

    @Test
    @DisplayName("nearest-rank percentiles: median of 1..4 is 2, p90 of 1..10 is 9, of one value that value")
    void percentiles() {
        assertThat(UnmetNeedFigures.percentile(List.of(4L, 1L, 3L, 2L), 50)).isEqualTo(2);
        assertThat(UnmetNeedFigures.percentile(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 90))
                .isEqualTo(9);
        assertThat(UnmetNeedFigures.percentile(List.of(5L), 90)).isEqualTo(5);
        assertThat(UnmetNeedFigures.percentile(List.of(), 50)).isNull();
    }

    @Test
    @DisplayName("events the view does not follow, or that change nothing, return the same view")
    void unchanged() {
        var p1 = november().get(0);
        assertThat(UnmetNeedFold.apply(p1, new PackageAccepted("P1", "B", "C-P1"), day(12)))
                .isSameAs(p1);
        assertThat(UnmetNeedFold.apply(p1, "not an event", day(12))).isSameAs(p1);
        assertThat(UnmetNeedFold.apply(null, new PackageOffered("PX", "A"), day(12)))
                .isNull();
    }
}
