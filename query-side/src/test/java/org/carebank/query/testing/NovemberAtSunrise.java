package org.carebank.query.testing;

import static org.carebank.query.testing.CareEvents.accepted;
import static org.carebank.query.testing.CareEvents.commissioned;
import static org.carebank.query.testing.CareEvents.declined;
import static org.carebank.query.testing.CareEvents.handedBack;
import static org.carebank.query.testing.CareEvents.offered;
import static org.carebank.query.testing.CareEvents.providerAdmitted;
import static org.carebank.query.testing.CareEvents.ratings;
import static org.carebank.query.testing.CareEvents.suspended;
import static org.carebank.query.testing.CareEvents.visit;
import static org.carebank.query.testing.CareEvents.worker;

import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.visit.CancellationInitiator;

/**
 * A month of a provider's work, November 2026 (GMT all month), with a second provider beside it. The performance and
 * charter tests compute every figure of it by hand; this is the story they read.
 *
 * <pre>
 * sunrise: workers ann (zero hours), bob (guaranteed), cat (zero hours), all since October; dan (guaranteed) from 5 December
 * packages: A for client C-A, 420 min/week, held all month          → 420 × 30 / 7 = 1,800 commissioned minutes
 *           B for C-B, 210 min/week, starts 16 Nov, accepted 4 Nov   → 210 × 15 / 7 =   450
 *           C for C-C, 140 min/week, handed back from 11 Nov         → 140 × 10 / 7 =   200
 *           D offered 20 Nov and declined (NO_COVERAGE); A was offered in October (outside the month)
 * visits (planned start, minutes, worker: what happened)
 *   a1 2 Nov 09:00 60 ann: 09:00-10:00               a6 9 Nov 09:00 60 ann: missed, then 11:30-12:30 (late)
 *   a2 3 Nov 09:00 60 ann: 09:40-10:40 (late)        a7 10 Nov 09:00 60 ann: cancelled by PROVIDER 2 h before
 *   a3 4 Nov 09:00 60 ann: 09:45-10:30 (late, short) a8 11 Nov 09:00 60 ann: cancelled by PROVIDER 3 days before
 *   a4 5 Nov 09:00 60 ann: missed                    a9 12 Nov 09:00 60 ann: cancelled by CLIENT
 *   a5 6 Nov 09:00 60 bob: 09:05-10:05
 *   b1 16 Nov 12:00 10 bob: 12:00-12:10              c1 2 Nov 15:00 45 cat: 15:00-15:20, ended early by the client
 *   c3 16 Nov 12:30 30 bob: 12:20-12:50 (no roster travel, no locations: travel unknown)
 *   b2 17 Nov 12:00 20 bob: 12:00-12:20
 *   b3 18 Nov 12:00 30 cat: 12:00-12:30
 *   c2 18 Nov 12:40 30 cat: 12:45-13:15 (roster travel 15 min in a 10 min gap: rushed)
 *   b4 19 Nov 12:00 30 cat: not recorded yet
 *   x3 30 Nov 23:30 30 cat: 23:30-00:00 (in November, local time)
 *   x1 31 Oct 09:00 and x2 1 Dec 00:30 ann: delivered, outside the month
 * CQC: re-rated REQUIRES_IMPROVEMENT overall (well-led GOOD) on 25 Nov, and suspended.
 * dawn: worker dora (guaranteed); one visit d1 20 Nov 10:00 30 delivered; declined package B (NO_CAPACITY).
 * </pre>
 */
public final class NovemberAtSunrise {

    private NovemberAtSunrise() {}

    public static void happen(EventFeed feed) {
        feed.at("2026-09-01T10:00:00Z").given(providerAdmitted("sunrise", "north"), providerAdmitted("dawn", "north"));
        feed.at("2026-10-01T10:00:00Z")
                .given(
                        worker("sunrise", "ann", ContractType.ZERO_HOURS, TravelMode.WALK, 1250),
                        worker("sunrise", "bob", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 1300),
                        worker("sunrise", "cat", ContractType.ZERO_HOURS, TravelMode.CYCLE, 1300),
                        worker("dawn", "dora", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 1400));
        feed.at("2026-12-05T10:00:00Z")
                .given(worker("sunrise", "dan", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 1300));

        feed.at("2026-09-20T10:00:00Z")
                .given(
                        commissioned("A", "C-A", 420, "2026-10-01", null),
                        commissioned("C", "C-C", 140, "2026-10-01", null),
                        commissioned("B", "C-B", 210, "2026-11-16", null),
                        commissioned("D", "C-D", 300, "2026-12-01", null));
        feed.at("2026-10-01T09:00:00Z").given(offered("C", "sunrise"), accepted("C", "sunrise", "C-C"));
        feed.at("2026-10-02T09:00:00Z").given(offered("A", "sunrise"));
        feed.at("2026-10-05T09:00:00Z").given(accepted("A", "sunrise", "C-A"));
        feed.at("2026-11-02T09:00:00Z").given(offered("B", "dawn"), declined("B", "dawn", DeclineReason.NO_CAPACITY));
        feed.at("2026-11-03T09:00:00Z").given(offered("B", "sunrise"));
        feed.at("2026-11-04T09:00:00Z")
                .given(accepted("B", "sunrise", "C-B"), handedBack("C", "sunrise", "2026-11-11"));
        feed.at("2026-11-20T09:00:00Z").given(offered("D", "sunrise"));
        feed.at("2026-11-21T09:00:00Z").given(declined("D", "sunrise", DeclineReason.NO_COVERAGE));

        var a1 = sunrise("a1", "C-A", "A", "ann", "2026-11-02T09:00:00Z", 60);
        var a2 = sunrise("a2", "C-A", "A", "ann", "2026-11-03T09:00:00Z", 60);
        var a3 = sunrise("a3", "C-A", "A", "ann", "2026-11-04T09:00:00Z", 60);
        var a4 = sunrise("a4", "C-A", "A", "ann", "2026-11-05T09:00:00Z", 60);
        var a5 = sunrise("a5", "C-A", "A", "bob", "2026-11-06T09:00:00Z", 60);
        var a6 = sunrise("a6", "C-A", "A", "ann", "2026-11-09T09:00:00Z", 60);
        var a7 = sunrise("a7", "C-A", "A", "ann", "2026-11-10T09:00:00Z", 60);
        var a8 = sunrise("a8", "C-A", "A", "ann", "2026-11-11T09:00:00Z", 60);
        var a9 = sunrise("a9", "C-A", "A", "ann", "2026-11-12T09:00:00Z", 60);
        var b1 = sunrise("b1", "C-B", "B", "bob", "2026-11-16T12:00:00Z", 10);
        var b2 = sunrise("b2", "C-B", "B", "bob", "2026-11-17T12:00:00Z", 20);
        var b3 = sunrise("b3", "C-B", "B", "cat", "2026-11-18T12:00:00Z", 30);
        var b4 = sunrise("b4", "C-B", "B", "cat", "2026-11-19T12:00:00Z", 30);
        var c1 = sunrise("c1", "C-C", "C", "cat", "2026-11-02T15:00:00Z", 45);
        var c2 = sunrise("c2", "C-C", "C", "cat", "2026-11-18T12:40:00Z", 30).rosteredTravel(15);
        var c3 = sunrise("c3", "C-C", "C", "bob", "2026-11-16T12:30:00Z", 30);
        var x1 = sunrise("x1", "C-A", "A", "ann", "2026-10-31T09:00:00Z", 60);
        var x2 = sunrise("x2", "C-A", "A", "ann", "2026-12-01T00:30:00Z", 60);
        var x3 = sunrise("x3", "C-C", "C", "cat", "2026-11-30T23:30:00Z", 30);
        var d1 = visit("d1").provider("dawn").client("C-E", "E").worker("dora").planned("2026-11-20T10:00:00Z", 30);
        for (var v :
                new CareEvents.Visit[] {a1, a2, a3, a4, a5, a6, a7, a8, a9, b1, b2, b3, b4, c1, c2, c3, x1, x2, x3, d1
                }) {
            feed.at("2026-10-25T10:00:00Z").given(v.scheduled());
        }
        feed.given(a1.deliveredEcm("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"))
                .given(c1.deliveredEcmEndedEarly("2026-11-02T15:00:00Z", "2026-11-02T15:20:00Z"))
                .given(a2.deliveredEcm("2026-11-03T09:40:00Z", "2026-11-03T10:40:00Z"))
                .given(a3.deliveredEcm("2026-11-04T09:45:00Z", "2026-11-04T10:30:00Z"))
                .given(a4.missed())
                .given(a5.deliveredEcm("2026-11-06T09:05:00Z", "2026-11-06T10:05:00Z"))
                .given(a8.cancelled(CancellationInitiator.PROVIDER, "2026-11-08T09:00:00Z"))
                .given(a6.missed())
                .given(a6.deliveredEcm("2026-11-09T11:30:00Z", "2026-11-09T12:30:00Z"))
                .given(a7.cancelled(CancellationInitiator.PROVIDER, "2026-11-10T07:00:00Z"))
                .given(a9.cancelled(CancellationInitiator.CLIENT, "2026-11-12T08:00:00Z"))
                .given(b1.deliveredEcm("2026-11-16T12:00:00Z", "2026-11-16T12:10:00Z"))
                .given(c3.deliveredEcm("2026-11-16T12:20:00Z", "2026-11-16T12:50:00Z"))
                .given(b2.deliveredEcm("2026-11-17T12:00:00Z", "2026-11-17T12:20:00Z"))
                .given(b3.deliveredEcm("2026-11-18T12:00:00Z", "2026-11-18T12:30:00Z"))
                .given(c2.deliveredEcm("2026-11-18T12:45:00Z", "2026-11-18T13:15:00Z"))
                .given(d1.deliveredEcm("2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z"))
                .given(x3.deliveredEcm("2026-11-30T23:30:00Z", "2026-12-01T00:00:00Z"))
                .given(x1.deliveredEcm("2026-10-31T09:00:00Z", "2026-10-31T10:00:00Z"))
                .given(x2.deliveredEcm("2026-12-01T00:30:00Z", "2026-12-01T01:30:00Z"));
        feed.at("2026-11-25T10:00:00Z")
                .given(
                        ratings("sunrise", CqcRating.REQUIRES_IMPROVEMENT, CqcRating.GOOD),
                        suspended("sunrise", CqcRating.REQUIRES_IMPROVEMENT, CqcRating.GOOD));
    }

    private static CareEvents.Visit sunrise(
            String id, String client, String packageId, String worker, String start, int minutes) {
        return visit(id)
                .provider("sunrise")
                .client(client, packageId)
                .worker(worker)
                .planned(start, minutes);
    }
}
