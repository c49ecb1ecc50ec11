package org.carebank.command.visit;

import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.FixtureDeadlines;
import org.carebank.command.lookup.PackageFacts;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.alert.AlertIds;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitScheduled;

/** The roster the visit tests share: one admitted provider with an active package and a worker, at fixed instants. */
final class VisitFixtures {

    static final String VISIT = "V-1";
    static final String PACKAGE = "PKG-1";
    static final String CLIENT = "CL-0042";
    static final String ZONE = "NORTH";
    static final String ACME = "P-ACME";
    static final String WORKER = "W-ANNA";
    static final int RATE = 1850; // pence an hour: 50 minutes bill 1541.67p, so rounding shows
    static final Location HOME = new Location(53.4808, -2.2426);

    static final String SUSPENDED = "P-SUSPENDED";
    static final String SUSPENDED_PACKAGE = "PKG-SUSPENDED";
    static final String SUSPENDED_WORKER = "W-SAM";
    static final String OFFERED_PACKAGE = "PKG-OFFERED";

    /** Monday morning: the visit is planned for 09:00, for an hour. */
    static final Instant PLANNED_START = Instant.parse("2026-11-23T09:00:00Z");

    static final Instant REQUESTED_AT = Instant.parse("2026-11-20T14:00:00Z");

    private VisitFixtures() {}

    static StubCommandLookups roster() {
        return new StubCommandLookups()
                .provider(ACME, ListStatus.ADMITTED)
                .worker(WORKER, ACME)
                .carePackage(new PackageFacts(PACKAGE, CLIENT, ZONE, PackageStatus.ACTIVE, ACME, RATE, false))
                .carePackage(
                        new PackageFacts(OFFERED_PACKAGE, "CL-0099", ZONE, PackageStatus.OFFERED, null, RATE, false))
                .provider(SUSPENDED, ListStatus.SUSPENDED)
                .worker(SUSPENDED_WORKER, SUSPENDED)
                .carePackage(new PackageFacts(
                        SUSPENDED_PACKAGE, "CL-0077", ZONE, PackageStatus.ACTIVE, SUSPENDED, RATE, false));
    }

    static VisitPlan plan(int plannedMinutes) {
        return new VisitPlan(PACKAGE, WORKER, PLANNED_START, plannedMinutes, false, null, HOME, 10);
    }

    static VisitPlan timeCriticalPlan(int plannedMinutes) {
        return new VisitPlan(PACKAGE, WORKER, PLANNED_START, plannedMinutes, true, null, HOME, 10);
    }

    /** A one-hour, not time-critical visit under the default rules: late after 30 minutes, missed after 120. */
    static VisitScheduled scheduled() {
        return new VisitScheduled(VISIT, plan(60), CLIENT, ACME, ZONE, RATE, 30, 120);
    }

    /** The visit's n-th alert, raised by the service at {@code at} for the visit planned at {@code plannedStart}. */
    static AlertRaised alertRaised(int n, AlertKind kind, boolean timeCritical, Instant plannedStart, Instant at) {
        return new AlertRaised(AlertIds.of(VISIT, n), kind, VISIT, ACME, CLIENT, timeCritical, plannedStart, at, null);
    }

    /** The fixture's own deadline manager, for {@link VisitScheduling}: see {@link FixtureDeadlines}. */
    static DeadlineManager deadlineManagerOf(AggregateTestFixture<?> fixture) {
        return FixtureDeadlines.deadlineManagerOf(fixture);
    }

    /** A Visit fixture with the default visit rules, the given billing policy and VisitScheduling registered. */
    static AggregateTestFixture<Visit> visitFixture(StubCommandLookups lookups, BillingPolicy billing) {
        return visitFixture(lookups, billing, AmendmentRules.defaults());
    }

    /** The same, with the given visit maintenance rules (lock period, auto-approval). */
    static AggregateTestFixture<Visit> visitFixture(
            StubCommandLookups lookups, BillingPolicy billing, AmendmentRules amending) {
        var fixture = new AggregateTestFixture<>(Visit.class);
        fixture.registerInjectableResource(amending);
        var rules = VisitRules.defaults();
        fixture.registerInjectableResource(rules);
        fixture.registerInjectableResource(billing);
        fixture.registerInjectableResource(VerificationSettings.defaults());
        fixture.registerAnnotatedCommandHandler(new VisitScheduling(
                fixture.getRepository(), lookups, rules, AlertRules.defaults(), deadlineManagerOf(fixture)));
        return fixture;
    }
}
