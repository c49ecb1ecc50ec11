package org.carebank.command.carepackage;

import static org.carebank.command.Refusals.refusedWith;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.carepackage.AcceptPackage;
import org.carebank.kernel.carepackage.CommissionPackage;
import org.carebank.kernel.carepackage.DeclinePackage;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.carepackage.HandBackPackage;
import org.carebank.kernel.carepackage.OfferPackage;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CarePackageTest {

    private static final String PACKAGE = "PKG-1";
    private static final String CLIENT = "CL-0042";
    private static final String ACME = "P-ACME";
    private static final String BRIGHT = "P-BRIGHT";
    private static final String SUSPENDED = "P-SUSPENDED";
    private static final LocalDate STARTS = LocalDate.parse("2026-12-01");
    private static final LocalDate ENDS = LocalDate.parse("2027-05-31");
    private static final LocalDate HANDED_BACK_ON = LocalDate.parse("2027-01-15");

    private static final Caller ACME_CALLER = new Caller("acme-coordinator", Role.PROVIDER, ACME);
    private static final Caller BRIGHT_CALLER = new Caller("bright-coordinator", Role.PROVIDER, BRIGHT);

    private AggregateTestFixture<CarePackage> fixture;

    @BeforeEach
    void setUp() {
        var lookups = new StubCommandLookups()
                .provider(ACME, ListStatus.ADMITTED)
                .provider(BRIGHT, ListStatus.ADMITTED)
                .provider(SUSPENDED, ListStatus.SUSPENDED);
        fixture = new AggregateTestFixture<>(CarePackage.class);
        fixture.registerAnnotatedCommandHandler(new PackageOffers(fixture.getRepository(), lookups));
    }

    private static CommissionPackage commission() {
        return new CommissionPackage(PACKAGE, CLIENT, "NORTH", 420, 2400, true, STARTS, ENDS);
    }

    private static PackageCommissioned commissioned() {
        return new PackageCommissioned(PACKAGE, CLIENT, "NORTH", 420, 2400, true, STARTS, ENDS);
    }

    @Test
    @DisplayName("the council commissions a package")
    void commissionsPackage() {
        fixture.givenNoPriorActivity()
                .when(commission())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(commissioned());
    }

    @Test
    @DisplayName("a package without an end date is commissioned open-ended")
    void commissionsOpenEndedPackage() {
        fixture.givenNoPriorActivity()
                .when(new CommissionPackage(PACKAGE, CLIENT, "NORTH", 420, 2400, false, STARTS, null))
                .expectEvents(new PackageCommissioned(PACKAGE, CLIENT, "NORTH", 420, 2400, false, STARTS, null));
    }

    @Test
    @DisplayName("a package that ends before it starts is refused")
    void packageEndingBeforeItStartsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CommissionPackage(PACKAGE, CLIENT, "NORTH", 420, 2400, true, STARTS, STARTS.minusDays(1)))
                .expectException(CommandRefusedException.class)
                .expectException(refusedWith("package-ends-before-it-starts", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("repeating the same commission is answered ALREADY_RECORDED and records nothing")
    void repeatedCommissionIsAlreadyRecorded() {
        fixture.given(commissioned())
                .when(commission())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("commissioning an existing package id with other details is refused as a reused id")
    void commissionWithReusedIdIsRefused() {
        fixture.given(commissioned())
                .when(new CommissionPackage(PACKAGE, CLIENT, "NORTH", 600, 2400, true, STARTS, ENDS))
                .expectException(refusedWith("package-id-reused", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a package is offered to an admitted provider")
    void offersToAdmittedProvider() {
        fixture.given(commissioned())
                .when(new OfferPackage(PACKAGE, ACME))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new PackageOffered(PACKAGE, ACME));
    }

    @Test
    @DisplayName("a package is not offered to a suspended provider")
    void offerToSuspendedProviderIsRefused() {
        fixture.given(commissioned())
                .when(new OfferPackage(PACKAGE, SUSPENDED))
                .expectException(refusedWith("provider-suspended", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a package is not offered to a provider that is not on the list at all")
    void offerToUnknownProviderIsRefused() {
        fixture.given(commissioned())
                .when(new OfferPackage(PACKAGE, "P-NOBODY"))
                .expectException(refusedWith("unknown-provider", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("declining needs an offer pending to the declining provider")
    void declineWithoutPendingOfferIsRefused() {
        fixture.given(commissioned())
                .when(new DeclinePackage(PACKAGE, ACME, DeclineReason.NO_CAPACITY, null))
                .expectException(refusedWith("no-offer-pending", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a decline records the provider's reason and note")
    void declineRecordsReason() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME))
                .when(
                        new DeclinePackage(PACKAGE, ACME, DeclineReason.NO_COVERAGE, "no carers in that zone"),
                        ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new PackageDeclined(PACKAGE, ACME, DeclineReason.NO_COVERAGE, "no carers in that zone"));
    }

    @Test
    @DisplayName("a PROVIDER caller declining for another provider is told the package is unknown")
    void providerCallerDecliningForAnotherGetsUnknownPackage() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME))
                .when(new DeclinePackage(PACKAGE, ACME, DeclineReason.OTHER, null), BRIGHT_CALLER.toMetaData())
                .expectException(refusedWith("unknown-package", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("acceptance is refused while the offered provider is suspended")
    void acceptBySuspendedProviderIsRefused() {
        var suspendedCaller = new Caller("suspended-coordinator", Role.PROVIDER, SUSPENDED);
        fixture.given(commissioned(), new PackageOffered(PACKAGE, SUSPENDED))
                .when(new AcceptPackage(PACKAGE, SUSPENDED), suspendedCaller.toMetaData())
                .expectException(refusedWith("provider-suspended", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("acceptance needs an offer pending to the accepting provider")
    void acceptWithoutPendingOfferIsRefused() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME))
                .when(new AcceptPackage(PACKAGE, BRIGHT), BRIGHT_CALLER.toMetaData())
                .expectException(refusedWith("no-offer-pending", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("the admitted provider the package was offered to accepts it")
    void offeredAdmittedProviderAccepts() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME), new PackageOffered(PACKAGE, BRIGHT))
                .when(new AcceptPackage(PACKAGE, ACME), ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new PackageAccepted(PACKAGE, ACME, CLIENT));
    }

    @Test
    @DisplayName("once accepted, the other offers lapse: another provider's acceptance is refused")
    void acceptAfterAnotherAcceptedIsRefused() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageOffered(PACKAGE, BRIGHT),
                        new PackageAccepted(PACKAGE, ACME, CLIENT))
                .when(new AcceptPackage(PACKAGE, BRIGHT), BRIGHT_CALLER.toMetaData())
                .expectException(refusedWith("package-already-active", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("after a hand-back, another provider repeating it is still told the package is unknown")
    void providerCallerHandingBackAfterHandBackGetsUnknownPackage() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageAccepted(PACKAGE, ACME, CLIENT),
                        new PackageHandedBack(PACKAGE, ACME, "cannot staff it", HANDED_BACK_ON))
                .when(new HandBackPackage(PACKAGE, "cannot staff it", HANDED_BACK_ON), BRIGHT_CALLER.toMetaData())
                .expectException(refusedWith("unknown-package", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a PROVIDER caller accepting for another provider is told the package is unknown")
    void providerCallerAcceptingForAnotherGetsUnknownPackage() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME))
                .when(new AcceptPackage(PACKAGE, ACME), BRIGHT_CALLER.toMetaData())
                .expectException(refusedWith("unknown-package", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("only an ACTIVE package can be handed back")
    void handBackOfInactivePackageIsRefused() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME))
                .when(new HandBackPackage(PACKAGE, "cannot staff it", HANDED_BACK_ON))
                .expectException(refusedWith("package-not-active", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("the provider holding an ACTIVE package hands it back")
    void activePackageIsHandedBack() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME), new PackageAccepted(PACKAGE, ACME, CLIENT))
                .when(new HandBackPackage(PACKAGE, "cannot staff it", HANDED_BACK_ON), ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new PackageHandedBack(PACKAGE, ACME, "cannot staff it", HANDED_BACK_ON));
    }

    @Test
    @DisplayName("a repeated hand-back is answered ALREADY_RECORDED and records nothing")
    void repeatedHandBackIsAlreadyRecorded() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageAccepted(PACKAGE, ACME, CLIENT),
                        new PackageHandedBack(PACKAGE, ACME, "cannot staff it", HANDED_BACK_ON))
                .when(new HandBackPackage(PACKAGE, "cannot staff it", HANDED_BACK_ON), ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a hand-back repeated with another reason is refused 409 package-already-handed-back")
    void handBackRepeatedWithOtherReasonIsRefused() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageAccepted(PACKAGE, ACME, CLIENT),
                        new PackageHandedBack(PACKAGE, ACME, "cannot staff it", HANDED_BACK_ON))
                .when(new HandBackPackage(PACKAGE, "client moved", HANDED_BACK_ON), ACME_CALLER.toMetaData())
                .expectException(refusedWith("package-already-handed-back", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a decline repeated with the same reason and note is ALREADY_RECORDED and records nothing")
    void repeatedDeclineIsAlreadyRecorded() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageDeclined(PACKAGE, ACME, DeclineReason.NO_CAPACITY, "full"))
                .when(new DeclinePackage(PACKAGE, ACME, DeclineReason.NO_CAPACITY, "full"), ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a decline repeated with another reason is refused 409 package-already-declined")
    void declineRepeatedWithOtherReasonIsRefused() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageDeclined(PACKAGE, ACME, DeclineReason.NO_CAPACITY, "full"))
                .when(new DeclinePackage(PACKAGE, ACME, DeclineReason.NO_COVERAGE, "full"), ACME_CALLER.toMetaData())
                .expectException(refusedWith("package-already-declined", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a PROVIDER caller handing back another provider's package is told the package is unknown")
    void providerCallerHandingBackAnothersPackageGetsUnknownPackage() {
        fixture.given(commissioned(), new PackageOffered(PACKAGE, ACME), new PackageAccepted(PACKAGE, ACME, CLIENT))
                .when(new HandBackPackage(PACKAGE, "not ours", HANDED_BACK_ON), BRIGHT_CALLER.toMetaData())
                .expectException(refusedWith("unknown-package", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a handed-back package can be offered again")
    void handedBackPackageCanBeOfferedAgain() {
        fixture.given(
                        commissioned(),
                        new PackageOffered(PACKAGE, ACME),
                        new PackageAccepted(PACKAGE, ACME, CLIENT),
                        new PackageHandedBack(PACKAGE, ACME, "cannot staff it", HANDED_BACK_ON))
                .when(new OfferPackage(PACKAGE, BRIGHT))
                .expectEvents(new PackageOffered(PACKAGE, BRIGHT));
    }

    @Test
    @DisplayName(
            "the council sets a package's rate from a date; the same rate id again is a repeat, another body a conflict")
    void recordsRate() {
        var rate = new org.carebank.kernel.payment.RecordPackageRate(
                PACKAGE, "r-2027", 2561, LocalDate.parse("2027-04-01"), "NLW April 2027");
        var changed = new org.carebank.kernel.payment.PackageRateChanged(
                PACKAGE, "r-2027", 2561, LocalDate.parse("2027-04-01"), "NLW April 2027");
        fixture.given(commissioned())
                .when(rate)
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(changed);
        fixture.given(commissioned(), changed)
                .when(rate)
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(commissioned(), changed)
                .when(new org.carebank.kernel.payment.RecordPackageRate(
                        PACKAGE, "r-2027", 2600, LocalDate.parse("2027-04-01"), "NLW April 2027"))
                .expectException(refusedWith("rate-id-reused", 409));
    }
}
