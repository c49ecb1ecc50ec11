package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.carebank.command.provider.ApprovedListPolicy;
import org.carebank.command.timebank.TimeBankRules;
import org.carebank.command.visit.AlertRules;
import org.carebank.command.visit.AmendmentRules;
import org.carebank.command.visit.BillingPolicy;
import org.carebank.command.visit.VisitRules;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.query.period.DashboardCalendar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rules the running service binds are the domain brief's defaults (docs/domain.md). The defaults live in the
 * settings records (ADR 0013), and a value set in carebank-common.yml or a profile overrides them: such a change (the
 * time-critical late threshold 15 -> 30, say) must be a decision, so it fails here until the brief says so too.
 */
class DomainDefaultsTest extends ApiTestSupport {

    @Autowired
    VisitRules visits;

    @Autowired
    TimeBankRules timeBank;

    @Autowired
    AmendmentRules amendments;

    @Autowired
    AlertRules alerts;

    @Autowired
    BillingPolicy billing;

    @Autowired
    ApprovedListPolicy approvedList;

    @Autowired
    DashboardCalendar calendar;

    @Test
    @DisplayName(
            "visits: late after 30 min (15 time-critical), missed after 120 (60), at least 30 planned, short below 85%")
    void visitRules() {
        var brief = new SoftAssertions();
        brief.assertThat(visits.lateAfterMinutes()).as("late threshold").isEqualTo(30);
        brief.assertThat(visits.lateAfterMinutesTimeCritical())
                .as("late threshold, time-critical")
                .isEqualTo(15);
        brief.assertThat(visits.missedAfterMinutes()).as("missed threshold").isEqualTo(120);
        brief.assertThat(visits.missedAfterMinutesTimeCritical())
                .as("missed threshold, time-critical")
                .isEqualTo(60);
        brief.assertThat(visits.minimumPlannedMinutes())
                .as("shortest visit without a justification (rule 2)")
                .isEqualTo(30);
        brief.assertThat(visits.shortBelowPercentOfPlanned())
                .as("short visit (call clipping) below this % of planned")
                .isEqualTo(85);
        brief.assertThat(visits.ecmWindow())
                .as("check-in and check-out within this of the planned start (rule 4)")
                .isEqualTo(Duration.ofHours(24));
        brief.assertAll();
    }

    @Test
    @DisplayName("visit maintenance: amendments locked 90 days after the planned start, no auto-approval")
    void amendmentRules() {
        var brief = new SoftAssertions();
        brief.assertThat(amendments.lockPeriod()).as("lock period").isEqualTo(Duration.ofDays(90));
        brief.assertThat(amendments.autoApproveMaxMinutes())
                .as("auto-approval bound (0: never)")
                .isZero();
        brief.assertAll();
    }

    @Test
    @DisplayName("alerts: a time-critical alert not acknowledged within 15 minutes is escalated")
    void alertRules() {
        assertThat(alerts.escalateAfter()).as("escalation after").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("time bank: capped at 600 min, lots expire after 12 weeks, credits within 7 days of the visit")
    void timeBankRules() {
        var brief = new SoftAssertions();
        brief.assertThat(timeBank.capMinutes()).as("cap (rule 6)").isEqualTo(600);
        brief.assertThat(timeBank.lotLifetime()).as("lot lifetime (rule 7)").isEqualTo(Duration.ofDays(7 * 12));
        brief.assertThat(timeBank.bankingWindow())
                .as("a credit within this of the visit (rule 5)")
                .isEqualTo(Duration.ofDays(7));
        brief.assertAll();
    }

    @Test
    @DisplayName("the query side shows a bank's headroom under the same 600-minute cap the command side enforces")
    void queryCap() {
        String clientRef = unique("C");
        var opened = council()
                .post(
                        "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                        Map.of("adjustmentId", "opening", "minutes", 100, "reason", "opening balance"));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);

        eventually(() -> assertThat(council()
                        .get("/api/v1/clients/" + clientRef + "/time-bank")
                        .json()
                        .path("capMinutes")
                        .asInt())
                .isEqualTo(600));
    }

    @Test
    @DisplayName("billing per actual minute; approved list from CQC Good; dashboards in English local time")
    void billingListAndCalendar() {
        var brief = new SoftAssertions();
        brief.assertThat(billing.rule()).as("billing rule").isEqualTo(BillingRule.ACTUAL);
        brief.assertThat(approvedList.minimumRating())
                .as("approved list: overall and well-led at least")
                .isEqualTo(CqcRating.GOOD);
        brief.assertThat(calendar.timeZone()).as("local days, weeks and months").isEqualTo(ZoneId.of("Europe/London"));
        brief.assertAll();
    }
}
