package org.carebank.query.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.providerAdmitted;
import static org.carebank.query.testing.CareEvents.visit;

import java.time.Instant;
import java.time.LocalDate;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.alert.AlertResponses;
import org.carebank.query.payment.ProviderCosts;
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

/**
 * The ECM compliance rate and the amendments by reason, over four delivered visits of one provider on one day: one
 * verified by app at both ends, one checked out by hand, one completed by an approved amendment, one whose amendment
 * was rejected (its ECM record stands).
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class EcmComplianceTest {

    private static final DatePeriod DAY = new DatePeriod(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24));

    @Parameter
    TestDatabase.Kind database;

    private ProviderPerformances performances;

    @BeforeEach
    void fourVisits() {
        var jdbc = TestDatabase.shared(database);
        var feed = new EventFeed(PerformanceTestKit.projection(jdbc));
        feed.reset();
        feed.at("2026-11-01T10:00:00Z").given(providerAdmitted("ecm-p", "north"));

        var verified = visit("e1").provider("ecm-p").worker("ann").planned("2026-11-24T08:00:00Z", 60);
        feed.at("2026-11-20T10:00:00Z").given(verified.scheduled());
        feed.at("2026-11-24T09:00:00Z").given(verified.deliveredEcm("2026-11-24T08:00:00Z", "2026-11-24T09:00:00Z"));

        var manual = visit("e2").provider("ecm-p").worker("ann").planned("2026-11-24T10:00:00Z", 60);
        var manualEvents = manual.deliveredEcm("2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z");
        manualEvents[1] =
                new VisitCheckedOut("e2", Instant.parse("2026-11-24T11:00:00Z"), EcmMethod.MANUAL, "no signal");
        feed.at("2026-11-20T10:00:00Z").given(manual.scheduled());
        feed.at("2026-11-24T11:00:00Z").given(manualEvents);

        var amended = visit("e3").provider("ecm-p").worker("ann").planned("2026-11-24T12:00:00Z", 60);
        feed.at("2026-11-20T10:00:00Z").given(amended.scheduled());
        feed.at("2026-11-24T12:00:00Z").given(amended.checkedIn("2026-11-24T12:00:00Z"));
        feed.at("2026-11-25T08:00:00Z")
                .given(
                        amended.amendmentRequested(
                                "A-1",
                                VisitStatus.IN_PROGRESS,
                                "2026-11-24T12:00:00Z",
                                "2026-11-24T12:50:00Z",
                                "ecm-p-coordinator",
                                "2026-11-25T08:00:00Z"),
                        amended.amendmentApproved(
                                "A-1", "2026-11-24T12:00:00Z", "2026-11-24T12:50:00Z", "2026-11-25T09:00:00Z"));

        var rejected = visit("e4").provider("ecm-p").worker("ann").planned("2026-11-24T14:00:00Z", 60);
        feed.at("2026-11-20T10:00:00Z").given(rejected.scheduled());
        feed.at("2026-11-24T15:00:00Z").given(rejected.deliveredEcm("2026-11-24T14:00:00Z", "2026-11-24T15:00:00Z"));
        feed.at("2026-11-25T08:00:00Z")
                .given(
                        rejected.amendmentRequested(
                                "A-1",
                                VisitStatus.DELIVERED,
                                "2026-11-24T14:00:00Z",
                                "2026-11-24T15:10:00Z",
                                "ecm-p-coordinator",
                                "2026-11-25T08:00:00Z"),
                        rejected.amendmentRejected("A-1", "2026-11-25T09:00:00Z"));

        performances = new ProviderPerformances(
                PerformanceTestKit.queries(jdbc),
                new AlertResponses(jdbc, DashboardCalendar.london()),
                ProviderCosts.underActualBilling(jdbc));
    }

    @Test
    @DisplayName("2 of 4 delivered visits verified electronically without an approved amendment: 50 %")
    void complianceRate() {
        var p = performances.of(DAY, "ecm-p").get(0);
        assertThat(p.visitsDelivered())
                .as("e3 delivered by its approved amendment")
                .isEqualTo(4);
        assertThat(p.deliveredMinutes()).as("60 + 60 + 50 (amended) + 60").isEqualTo(230);
        assertThat(p.ecmComplianceRate())
                .as("e1 and e4; e2 checked out by hand, e3 amended")
                .isEqualByComparingTo("50.0");
        assertThat(p.amendments())
                .as("both amendments asked for, whatever their decision")
                .containsEntry(AmendmentReason.WORKER_DID_NOT_CHECK_OUT, 2)
                .containsEntry(AmendmentReason.OTHER, 0);
    }

    @Test
    @DisplayName("the providers' comparison and its CSV carry the rate and the counts")
    void comparisonAndCsv() {
        var row = performances.of(DAY, null).stream()
                .filter(p -> p.providerId().equals("ecm-p"))
                .findFirst()
                .orElseThrow();
        assertThat(row.ecmComplianceRate()).isEqualByComparingTo("50.0");
        var csv = row.toCsv();
        int rate = csv.header().indexOf("ecmComplianceRate");
        int checkOut = csv.header().indexOf("amendmentsWORKER_DID_NOT_CHECK_OUT");
        assertThat(csv.rows().get(0).get(rate).toString())
                .isEqualTo(row.ecmComplianceRate().toString());
        assertThat(csv.rows().get(0).get(checkOut)).isEqualTo(2);
    }
}
