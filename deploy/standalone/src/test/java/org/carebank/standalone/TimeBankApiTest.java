package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeBankApiTest extends ApiTestSupport {

    /** A visit planned for 60 minutes, {@code minutesAgo} minutes ago, that the client ended after 40: 20 unused. */
    private record EndedEarly(String clientRef, String visitId) {}

    private EndedEarly endedEarly(Roster roster, long minutesAgo) {
        String visitId = delivered(alpha(), roster, minutesAgo, 40, true);
        return new EndedEarly(clientOf(roster.packageId()), visitId);
    }

    private static String bank(String clientRef) {
        return "/api/v1/clients/" + clientRef + "/time-bank";
    }

    private static Map<String, Object> deposit(String visitId, int minutes) {
        return Map.of("visitId", visitId, "minutes", minutes, "consentBy", "client, by phone to the coordinator");
    }

    private void assertRefused(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.problemType()).isEqualTo(type);
    }

    @Test
    @DisplayName("unused minutes are banked once, drawn down, and the bank and its ledger show every step")
    void bankDrawAndRead() {
        var roster = alphaRoster();
        var visit = endedEarly(roster, 120);

        var banked = alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 20));
        assertThat(banked.status()).as(banked.text()).isEqualTo(201);
        assertThat(banked.json().path("balanceMinutes").asInt()).isEqualTo(20);
        var repeat = alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 20));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("outcome").asString()).isEqualTo("ALREADY_RECORDED");
        assertRefused(
                alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 15)),
                422,
                "/problems/already-banked");

        var withdrawal = Map.of(
                "withdrawalId", unique("wd"), "minutes", 15, "purpose", "longer visit for a hospital appointment");
        assertThat(alpha().post(bank(visit.clientRef()) + "/withdrawals", withdrawal)
                        .status())
                .isEqualTo(201);
        assertThat(alpha().post(bank(visit.clientRef()) + "/withdrawals", withdrawal)
                        .json()
                        .path("outcome")
                        .asString())
                .isEqualTo("ALREADY_RECORDED");
        var tooMuch = alpha().post(
                        bank(visit.clientRef()) + "/withdrawals",
                        Map.of("withdrawalId", unique("wd"), "minutes", 6, "purpose", "outing"));
        assertRefused(tooMuch, 422, "/problems/insufficient-time-bank-balance");
        assertThat(tooMuch.json().path("balanceMinutes").asInt()).isEqualTo(5);

        eventually(() -> {
            var view = alpha().get(bank(visit.clientRef())).json();
            assertThat(view.path("balanceMinutes").asInt()).isEqualTo(5);
            assertThat(view.path("bankedMinutes").asInt()).isEqualTo(20);
            assertThat(view.path("drawnMinutes").asInt()).isEqualTo(15);
            assertThat(view.path("capMinutes").asInt()).isEqualTo(600);
            assertThat(view.path("lots").size()).isEqualTo(1);
            assertThat(view.path("lots").get(0).path("remainingMinutes").asInt())
                    .isEqualTo(5);
            assertThat(view.path("nextExpiry").path("minutes").asInt()).isEqualTo(5);
        });
        var ledger = alpha().get(bank(visit.clientRef()) + "/ledger").json();
        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.get(0).path("kind").asString()).isEqualTo("BANKED");
        assertThat(ledger.get(0).path("balanceAfter").asInt()).isEqualTo(20);
        assertThat(ledger.get(0).path("recordedBy").asString()).isEqualTo("alpha");
        assertThat(ledger.get(1).path("kind").asString()).isEqualTo("DRAWN");
        assertThat(ledger.get(1).path("minutes").asInt()).isEqualTo(-15);
        assertThat(ledger.get(1).path("balanceAfter").asInt()).isEqualTo(5);
        assertThat(eventTypes(StreamIds.timeBank(visit.clientRef())))
                .containsExactly("UnusedTimeBanked", "TimeDrawnDown");
    }

    @Test
    @DisplayName("a deposit is refused for minutes the visit did not leave unused, and stores nothing")
    void onlyUnusedTime() {
        var roster = alphaRoster();
        var visit = endedEarly(roster, 120);
        var refused = alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 21));
        assertRefused(refused, 422, "/problems/not-unused-time");
        assertThat(refused.json().path("unusedMinutes").asInt()).isEqualTo(20);

        String notEnded = scheduled(roster, minutesFromNow(-200), 60);
        assertRefused(
                alpha().post(bank(visit.clientRef()) + "/deposits", deposit(notEnded, 10)),
                422,
                "/problems/not-unused-time");
        assertRefused(
                alpha().post(bank(visit.clientRef()) + "/deposits", Map.of("visitId", visit.visitId(), "minutes", 10)),
                400,
                "/problems/invalid-request");
        assertThat(eventTypes(StreamIds.timeBank(visit.clientRef()))).isEmpty();
    }

    @Test
    @DisplayName("deposits close 7 days after the visit, and need a package with time banking on")
    void windowAndPackageSetting() {
        var roster = alphaRoster();
        var old = endedEarly(roster, 8 * 24 * 60);
        assertRefused(
                alpha().post(bank(old.clientRef()) + "/deposits", deposit(old.visitId(), 10)),
                422,
                "/problems/banking-window-closed");

        String packageId = activePackage(council(), alpha(), ALPHA, unique("C"), false);
        var noBanking = endedEarly(new Roster(ALPHA, roster.workerId(), packageId), 300);
        assertRefused(
                alpha().post(bank(noBanking.clientRef()) + "/deposits", deposit(noBanking.visitId(), 10)),
                422,
                "/problems/time-banking-off");
    }

    @Test
    @DisplayName("the cap refuses a deposit with the headroom left, and the caller can bank that much instead")
    void capWithHeadroom() {
        var roster = alphaRoster();
        var visit = endedEarly(roster, 60);
        var adjusted = council()
                .post(
                        bank(visit.clientRef()) + "/adjustments",
                        Map.of(
                                "adjustmentId",
                                unique("adj"),
                                "minutes",
                                590,
                                "reason",
                                "carried over from the pilot's paper ledger"));
        assertThat(adjusted.status()).as(adjusted.text()).isEqualTo(201);

        var refused = alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 20));
        assertRefused(refused, 422, "/problems/time-bank-cap-exceeded");
        assertThat(refused.json().path("headroomMinutes").asInt()).isEqualTo(10);
        var retried = alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 10));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().path("balanceMinutes").asInt()).isEqualTo(600);
    }

    @Test
    @DisplayName("adjustments are the council's; providers only see the banks of clients they serve")
    void rolesAndScope() {
        var roster = alphaRoster();
        var visit = endedEarly(roster, 60);
        alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 20));
        admitted(BETA);

        var byProvider = alpha().post(
                        bank(visit.clientRef()) + "/adjustments",
                        Map.of("adjustmentId", unique("adj"), "minutes", 5, "reason", "x"));
        assertThat(byProvider.status()).isEqualTo(403);
        assertThat(beta().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 20))
                        .status())
                .isEqualTo(404);
        assertThat(beta().post(
                                bank(visit.clientRef()) + "/withdrawals",
                                Map.of("withdrawalId", unique("wd"), "minutes", 5, "purpose", "x"))
                        .status())
                .isEqualTo(404);
        eventually(
                () -> assertThat(alpha().get(bank(visit.clientRef())).status()).isEqualTo(200));
        assertThat(beta().get(bank(visit.clientRef())).status()).isEqualTo(404);
        assertThat(beta().get(bank(visit.clientRef()) + "/ledger").status()).isEqualTo(404);
        assertThat(as("auditor").get(bank(visit.clientRef())).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the list of banks filters by provider and zone, as JSON and CSV")
    void listOfBanks() {
        var roster = alphaRoster();
        var visit = endedEarly(roster, 60);
        alpha().post(bank(visit.clientRef()) + "/deposits", deposit(visit.visitId(), 12));
        eventually(() -> {
            var rows = council()
                    .get("/api/v1/time-banks?providerId=" + ALPHA + "&zone=north")
                    .json();
            var mine = new ArrayList<String>();
            rows.forEach(row -> {
                if (row.path("clientRef").asString().equals(visit.clientRef())) {
                    mine.add(row.path("balanceMinutes").asString());
                }
            });
            assertThat(mine).containsExactly("12");
        });
        assertThat(council()
                        .get("/api/v1/time-banks?providerId=" + unique("nobody"))
                        .json()
                        .size())
                .isZero();
        var csv = council().get("/api/v1/time-banks?providerId=" + ALPHA, "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text())
                .startsWith("clientRef,balanceMinutes,bankedMinutes,drawnMinutes,expiredMinutes,adjustedMinutes");
        assertThat(csv.text()).contains(visit.clientRef() + ",12,12,0,0,0,");
    }

    @Test
    @DisplayName("parallel withdrawals on one bank never overdraw it")
    void parallelWithdrawals() throws Exception {
        var roster = alphaRoster();
        var visit = endedEarly(roster, 60);
        council()
                .post(
                        bank(visit.clientRef()) + "/adjustments",
                        Map.of("adjustmentId", unique("adj"), "minutes", 100, "reason", "opening balance"));

        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 24; i++) {
                calls.add(() -> alpha().post(
                                bank(visit.clientRef()) + "/withdrawals",
                                Map.of("withdrawalId", unique("wd"), "minutes", 10, "purpose", "activity"))
                        .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (var future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
            assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(14);
        } finally {
            pool.shutdown();
        }
        eventually(() -> assertThat(alpha().get(bank(visit.clientRef()))
                        .json()
                        .path("balanceMinutes")
                        .asInt())
                .isZero());
        assertThat(eventTypes(StreamIds.timeBank(visit.clientRef())).stream()
                        .filter("TimeDrawnDown"::equals)
                        .count())
                .isEqualTo(10);
    }

    @Test
    @DisplayName("a lot expires by itself, asOf gives the exact balance before and after, also across a restart")
    void lotsExpireByThemselves() throws InterruptedException {
        String clientRef;
        String visitId;
        Instant bankedAt;
        try (var service = RunningService.start("time_bank_expiry", "--carebank.time-bank.lot-lifetime=4s")) {
            var council = service.as("council");
            var alpha = service.as("alpha");
            council.post("/api/v1/providers", admission(ALPHA, cqc("GOOD", "GOOD")));
            String workerId = worker(alpha, ALPHA);
            clientRef = unique("C");
            String packageId = activePackage(council, alpha, ALPHA, clientRef, true);
            var start = minutesFromNow(-90);
            visitId = unique("v");
            alpha.put("/api/v1/visits/" + visitId, visit(packageId, workerId, start, 60));
            alpha.post("/api/v1/visits/" + visitId + "/check-in", Map.of("at", start.toString(), "method", "APP_GPS"));
            alpha.post(
                    "/api/v1/visits/" + visitId + "/check-out",
                    Map.of(
                            "at",
                            start.plusSeconds(30 * 60).toString(),
                            "method",
                            "APP_GPS",
                            "endedEarlyAtClientRequest",
                            true));
            bankedAt = Instant.now();
            var deposited = alpha.post(bank(clientRef) + "/deposits", deposit(visitId, 30));
            assertThat(deposited.status()).as(deposited.text()).isEqualTo(201);

            // First lot: expires while the service runs.
            eventually(() -> assertThat(alpha.get(bank(clientRef))
                            .json()
                            .path("expiredMinutes")
                            .asInt())
                    .isEqualTo(30));
            var view = alpha.get(bank(clientRef)).json();
            assertThat(view.path("balanceMinutes").asInt()).isZero();
            assertThat(view.path("lots").size()).isZero();

            var before = alpha.get(bank(clientRef) + "?asOf=" + bankedAt.plusSeconds(2))
                    .json();
            assertThat(before.path("balanceMinutes").asInt())
                    .as("two seconds after banking")
                    .isEqualTo(30);
            assertThat(before.path("lots").get(0).path("remainingMinutes").asInt())
                    .isEqualTo(30);
            var after = alpha.get(bank(clientRef) + "?asOf=" + bankedAt.plusSeconds(6))
                    .json();
            assertThat(after.path("balanceMinutes").asInt()).isZero();
            assertThat(after.path("expiredMinutes").asInt()).isEqualTo(30);
            assertThat(alpha.get(bank(clientRef) + "?asOf=" + bankedAt.minusSeconds(60))
                            .json()
                            .path("balanceMinutes")
                            .asInt())
                    .isZero();

            // Second lot: banked just before the service stops, expires while it is down.
            var adjusted = council.post(
                    bank(clientRef) + "/adjustments",
                    Map.of("adjustmentId", unique("adj"), "minutes", 15, "reason", "missed credit"));
            assertThat(adjusted.status()).isEqualTo(201);
        }
        Thread.sleep(Duration.ofSeconds(5).toMillis());
        try (var service = RunningService.start("time_bank_expiry", "--carebank.time-bank.lot-lifetime=4s")) {
            var alpha = service.as("alpha");
            eventually(() -> assertThat(alpha.get(bank(clientRef))
                            .json()
                            .path("expiredMinutes")
                            .asInt())
                    .isEqualTo(45));
            var ledger = alpha.get(bank(clientRef) + "/ledger").json();
            assertThat(ledger.get(ledger.size() - 1).path("kind").asString()).isEqualTo("EXPIRED");
            assertThat(ledger.get(ledger.size() - 1).path("recordedBy").asString())
                    .isEqualTo("carebank:time-bank-expiry");
            assertThat(ledger.get(ledger.size() - 1).path("balanceAfter").asInt())
                    .isZero();
        }
    }

    @Test
    @DisplayName("the provider performance view counts minutes banked from its visits and drawn from its lots")
    void performanceShowsTimeBank() {
        String providerId = admitted(unique("p"));
        var roster = new Roster(providerId, worker(council(), providerId), activePackage(council(), providerId));
        String visitId = delivered(council(), roster, 120, 40, true);
        String clientRef = clientOf(roster.packageId());
        assertThat(council()
                        .post(bank(clientRef) + "/deposits", deposit(visitId, 20))
                        .status())
                .isEqualTo(201);
        assertThat(council()
                        .post(
                                bank(clientRef) + "/withdrawals",
                                Map.of("withdrawalId", unique("wd"), "minutes", 15, "purpose", "outing"))
                        .status())
                .isEqualTo(201);

        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).toString();
        eventually(() -> {
            var view = council()
                    .get("/api/v1/providers/" + providerId + "/performance?from=" + today + "&to=" + today)
                    .json();
            assertThat(view.path("timeBank").path("banked").asLong()).isEqualTo(20);
            assertThat(view.path("timeBank").path("drawn").asLong()).isEqualTo(15);
            assertThat(view.path("timeBank").path("expired").asLong()).isZero();
        });
    }
}
