package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rates with effective dates, rate reviews, billing rules and payment statements, from the contract alone. */
class PaymentsAcceptanceTest extends AcceptanceSupport {

    @Test
    @DisplayName(
            "a visit is billed at the rate in force on its planned date: the day before the old, the day itself the new")
    void rateInForceOnThePlannedDate() {
        var setup = councilSetup(2400);
        LocalDate from = today().minusDays(10);
        String rateId = unique("rate");
        ok(
                council()
                        .post(
                                "/api/v1/packages/" + setup.packageId() + "/rates",
                                body(
                                        "rateId",
                                        rateId,
                                        "hourlyRatePence",
                                        2600,
                                        "effectiveFrom",
                                        from.toString(),
                                        "reason",
                                        "annual review")),
                201);

        // A read without Carebank-Position may come before the view has the rate: ask until it has.
        eventually(() -> assertThat(
                        items(ok(council().get("/api/v1/packages/" + setup.packageId() + "/rates"), 200)
                                        .json())
                                .stream()
                                .anyMatch(rate -> rate.path("rateId").asString().equals(rateId)))
                .isTrue());
        var rates = ok(council().get("/api/v1/packages/" + setup.packageId() + "/rates"), 200)
                .json();
        var recorded = items(rates);
        // Oldest first: the new rate is the last entry (the commissioned rate may or may not be listed before it).
        var last = recorded.get(recorded.size() - 1);
        assertThat(last.path("rateId").asString()).isEqualTo(rateId);
        assertThat(last.path("hourlyRatePence").asInt()).isEqualTo(2600);
        assertThat(last.path("effectiveFrom").asString()).isEqualTo(from.toString());
        assertThat(last.path("reason").asString()).isEqualTo("annual review");
        assertThat(last.path("recordedBy").asString()).isEqualTo("council");

        String dayBefore = deliveredAt(setup, at(from.minusDays(1), 12), 45);
        String boundaryDay = deliveredAt(setup, at(from, 12), 45);
        eventually(() -> {
            var before = visitView(council(), dayBefore);
            assertThat(before.path("hourlyRatePence").asInt()).isEqualTo(2400);
            assertThat(before.path("billablePence").asLong())
                    .as("45 min at 2400p/h")
                    .isEqualTo(1800);
            var on = visitView(council(), boundaryDay);
            assertThat(on.path("hourlyRatePence").asInt()).isEqualTo(2600);
            assertThat(on.path("billablePence").asLong())
                    .as("45 min at 2600p/h")
                    .isEqualTo(1950);
        });
        eventually(() -> {
            var preview = preview(setup.providerId(), from.minusDays(1), from);
            assertThat(preview.path("payable").path("visits").asInt()).isEqualTo(2);
            assertThat(preview.path("payable").path("minutes").asInt()).isEqualTo(90);
            assertThat(preview.path("payable").path("pence").asLong()).isEqualTo(1800 + 1950);
            var lines = items(preview.path("lines"));
            assertThat(itemWith(lines, "visitId", dayBefore)
                            .orElseThrow()
                            .path("amountPence")
                            .asLong())
                    .isEqualTo(1800);
            assertThat(itemWith(lines, "visitId", boundaryDay)
                            .orElseThrow()
                            .path("hourlyRatePence")
                            .asInt())
                    .isEqualTo(2600);
        });
    }

    @Test
    @DisplayName("a rate recorded after delivery re-bills a delivered visit that is on no issued statement yet")
    void rateRecordedLaterBillsUnpaidDeliveredVisits() {
        var setup = councilSetup(2400);
        LocalDate day = today().minusDays(6);
        String visitId = deliveredAt(setup, at(day, 12), 30);
        eventually(() -> assertThat(
                        visitView(council(), visitId).path("billablePence").asLong())
                .isEqualTo(1200));

        ok(
                council()
                        .post(
                                "/api/v1/packages/" + setup.packageId() + "/rates",
                                body(
                                        "rateId",
                                        unique("rate"),
                                        "hourlyRatePence",
                                        3000,
                                        "effectiveFrom",
                                        day.minusDays(2).toString(),
                                        "reason",
                                        "backdated uplift")),
                201);
        eventually(() -> {
            var line = itemWith(items(preview(setup.providerId(), day, day).path("lines")), "visitId", visitId)
                    .orElseThrow();
            assertThat(line.path("hourlyRatePence").asInt()).isEqualTo(3000);
            assertThat(line.path("amountPence").asLong())
                    .as("30 min at 3000p/h")
                    .isEqualTo(1500);
        });
    }

    @Test
    @DisplayName("a rate review uplifts every active package in scope, rounded to the penny half up")
    void rateReviewRoundsHalfUp() {
        var setup = councilSetup(1250);
        String second = commissioned(unique("C"), "north", 300, 1494, today().minusDays(400));
        placed(council(), second, setup.providerId());
        String onlyOffered = commissioned(unique("C"), "north", 300, 2000, today().minusDays(400));
        ok(council().post("/api/v1/packages/" + onlyOffered + "/offers", body("providerId", setup.providerId())), 200);
        LocalDate from = today().minusDays(5);
        var review = body(
                "reviewId",
                unique("review"),
                "effectiveFrom",
                from.toString(),
                "upliftPercent",
                6.6,
                "basis",
                "NLW April 2027",
                "providerId",
                setup.providerId());

        var answer = ok(council().post("/api/v1/rate-reviews", review), 201);
        assertThat(answer.json().path("packagesUplifted").asInt())
                .as("two active packages of the provider; the one only offered is not active")
                .isEqualTo(2);
        // 1250 × 1.066 = 1332.5 → 1333 (half up; half even would give 1332); 1494 × 1.066 = 1592.604 → 1593
        assertThat(rateFrom(setup.packageId(), from)).isEqualTo(1333);
        assertThat(rateFrom(second, from)).isEqualTo(1593);
        assertThat(ratesFrom(onlyOffered, from)).isEmpty();

        var again = ok(council().post("/api/v1/rate-reviews", review), 200);
        assertThat(again.json().path("packagesUplifted").asInt())
                .as("a repeat answers the same result")
                .isEqualTo(2);
        assertThat(ratesFrom(setup.packageId(), from)).as("and records nothing").hasSize(1);

        String visitId = deliveredAt(setup, at(from, 12), 60);
        eventually(() -> assertThat(
                        visitView(council(), visitId).path("billablePence").asLong())
                .as("60 min at the uplifted 1333p/h")
                .isEqualTo(1333));
    }

    @Test
    @DisplayName("a billing rule is per provider and from a date: ROUNDED 15/7 bills 38 as 45 and 37 as 30")
    void billingRulePerProvider() {
        var setup = councilSetup(2400);
        var other = councilSetup(2400);
        LocalDate from = today().minusDays(8);
        ok(
                council()
                        .post(
                                "/api/v1/providers/" + setup.providerId() + "/billing-rule",
                                body(
                                        "rule",
                                        "ROUNDED",
                                        "unitMinutes",
                                        15,
                                        "toleranceMinutes",
                                        7,
                                        "effectiveFrom",
                                        from.toString())),
                201);

        String before = deliveredAt(setup, at(from.minusDays(1), 12), 38);
        String rounded38 = deliveredAt(setup, at(from, 10), 38);
        String rounded37 = deliveredAt(setup, at(from, 14), 37);
        String otherProvider = deliveredAt(other, at(from, 12), 38);
        eventually(() -> {
            assertBilled(before, "ACTUAL", 38, 1520);
            assertBilled(rounded38, "ROUNDED", 45, 1800);
            assertBilled(rounded37, "ROUNDED", 30, 1200);
            assertBilled(otherProvider, "ACTUAL", 38, 1520);
        });
    }

    @Test
    @DisplayName("the statement preview shows what is payable now and what is held, and why")
    void previewPayableAndHeld() {
        var setup = councilSetup(2400);
        LocalDate day = today().minusDays(4);
        String verified = deliveredAt(setup, at(day, 8), 60);
        String manual = scheduledAt(council(), setup.packageId(), setup.workerId(), at(day, 10));
        checkInOut(council(), manual, at(day, 10), 60, "APP_GPS", "MANUAL");
        String amended = deliveredAt(setup, at(day, 12), 45);
        // Requested by the council and left open (nothing auto-approves by default).
        var amendment = ok(
                council()
                        .post(
                                "/api/v1/visits/" + amended + "/amendments",
                                body(
                                        "amendmentId",
                                        unique("am"),
                                        "checkedOutAt",
                                        at(day, 13).toString(),
                                        "reasonCode",
                                        "WRONG_TIME_RECORDED",
                                        "note",
                                        "carer stayed the full hour")),
                201);
        assertThat(amendment.json().path("status").asString()).isEqualTo("PENDING");

        eventually(() -> {
            var preview = preview(setup.providerId(), day, day);
            assertThat(preview.path("payable").path("visits").asInt()).isEqualTo(1);
            assertThat(preview.path("payable").path("minutes").asInt()).isEqualTo(60);
            assertThat(preview.path("payable").path("pence").asLong()).isEqualTo(2400);
            var held = items(preview.path("held"));
            assertThat(itemWith(held, "visitId", manual)
                            .orElseThrow()
                            .path("why")
                            .asString())
                    .isEqualTo("EXCEPTION");
            assertThat(itemWith(held, "visitId", amended)
                            .orElseThrow()
                            .path("why")
                            .asString())
                    .isEqualTo("AMENDMENT_PENDING");
            assertThat(held).hasSize(2);
            var lines = items(preview.path("lines"));
            assertThat(lines)
                    .extracting(line -> line.path("visitId").asString())
                    .containsExactly(verified);
        });
    }

    @Test
    @DisplayName("statements: issued with their lines, a visit never on two, overlapping periods refused")
    void statementsNeverPayAVisitTwice() {
        var setup = councilSetup(2400);
        LocalDate first = today().minusDays(20);
        LocalDate second = today().minusDays(10);
        String early = deliveredAt(setup, at(first, 12), 60);
        String later = deliveredAt(setup, at(second, 12), 30);
        awaitPayable(setup.providerId(), first, second, 2);

        String s1 = unique("st");
        issue(setup.providerId(), s1, today().minusDays(25), today().minusDays(15));
        var one = statement(setup.providerId(), s1);
        assertThat(one.path("statementId").asString()).isEqualTo(s1);
        assertThat(one.path("providerId").asString()).isEqualTo(setup.providerId());
        assertThat(one.path("periodFrom").asString())
                .isEqualTo(today().minusDays(25).toString());
        assertThat(one.path("periodTo").asString())
                .isEqualTo(today().minusDays(15).toString());
        assertThat(one.path("issuedAt").asString()).isNotEmpty();
        assertThat(one.path("visits").asInt()).isEqualTo(1);
        assertThat(one.path("payableMinutes").asInt()).isEqualTo(60);
        assertThat(one.path("payablePence").asLong()).isEqualTo(2400);
        var line = items(one.path("lines")).get(0);
        assertThat(line.path("visitId").asString()).isEqualTo(early);
        assertThat(line.path("clientRef").asString()).isEqualTo(setup.clientRef());
        assertThat(line.path("date").asString()).isEqualTo(first.toString());
        assertThat(line.path("deliveredMinutes").asInt()).isEqualTo(60);
        assertThat(line.path("billableMinutes").asInt()).isEqualTo(60);
        assertThat(line.path("hourlyRatePence").asInt()).isEqualTo(2400);
        assertThat(line.path("amountPence").asLong()).isEqualTo(2400);
        assertThat(line.path("rule").asString()).isEqualTo("ACTUAL");

        String s2 = unique("st");
        issue(setup.providerId(), s2, today().minusDays(14), today().minusDays(5));
        var two = statement(setup.providerId(), s2);
        assertThat(items(two.path("lines")))
                .as("the visit already on the first statement is not paid again")
                .extracting(l -> l.path("visitId").asString())
                .containsExactly(later);
        assertThat(two.path("payablePence").asLong()).as("30 min at 2400p/h").isEqualTo(1200);

        var overlapping = council()
                .post(
                        "/api/v1/providers/" + setup.providerId() + "/statements",
                        body(
                                "statementId",
                                unique("st"),
                                "periodFrom",
                                today().minusDays(16).toString(),
                                "periodTo",
                                today().minusDays(12).toString()));
        refused(overlapping, 422, "statement-period-overlaps");

        var list = items(ok(council().get("/api/v1/providers/" + setup.providerId() + "/statements"), 200)
                .json());
        assertThat(list).extracting(s -> s.path("statementId").asString()).containsExactlyInAnyOrder(s1, s2);
        // "What would be paid now": both visits are on statements, so nothing is payable any more.
        assertThat(preview(setup.providerId(), first, second)
                        .path("payable")
                        .path("visits")
                        .asInt())
                .isZero();
    }

    @Test
    @DisplayName("a statement answers CSV too, one row per line, columns named as the JSON fields")
    void statementAsCsv() {
        var setup = councilSetup(2400);
        LocalDate day = today().minusDays(12);
        String visitId = deliveredAt(setup, at(day, 12), 45);
        awaitPayable(setup.providerId(), day, day, 1);
        String statementId = unique("st");
        issue(setup.providerId(), statementId, day, day);
        statement(setup.providerId(), statementId); // the statement is in the view

        var csv = council().get("/api/v1/providers/" + setup.providerId() + "/statements/" + statementId, "text/csv");
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        // The issue allows the totals as a trailer row: Carebank writes one (TOTAL), checked below.
        var all = csvLines(csv);
        var lines = all.stream().filter(line -> !line.contains(",TOTAL,")).toList();
        assertThat(lines).hasSize(2);
        assertThat(all).hasSize(3);
        assertThat(all.get(2)).contains(",TOTAL,").contains(",1800,");
        var header = List.of(lines.get(0).split(","));
        assertThat(header).contains("visitId", "billableMinutes", "hourlyRatePence", "amountPence");
        var row = List.of(lines.get(1).split(","));
        assertThat(row.get(header.indexOf("visitId"))).isEqualTo(visitId);
        assertThat(row.get(header.indexOf("amountPence")))
                .as("45 min at 2400p/h")
                .isEqualTo("1800");
    }

    @Test
    @DisplayName("a visit held for an exception stays off a statement, and comes onto the next once accepted")
    void acceptedExceptionGoesOntoTheNextStatement() {
        var setup = councilSetup(2400);
        LocalDate day = today().minusDays(20);
        String held = scheduledAt(council(), setup.packageId(), setup.workerId(), at(day, 10));
        checkInOut(council(), held, at(day, 10), 60, "APP_GPS", "MANUAL");
        String paid = deliveredAt(setup, at(day, 14), 30);
        eventually(() -> {
            var preview = preview(setup.providerId(), day, day);
            assertThat(items(preview.path("held")))
                    .extracting(h -> h.path("visitId").asString())
                    .containsExactly(held);
            assertThat(preview.path("payable").path("visits").asInt()).isEqualTo(1);
        });

        String s1 = unique("st");
        issue(setup.providerId(), s1, day.minusDays(5), day.plusDays(5));
        assertThat(items(statement(setup.providerId(), s1).path("lines")))
                .extracting(l -> l.path("visitId").asString())
                .containsExactly(paid);

        ok(council().post("/api/v1/visits/" + held + "/exception-acceptance", body("note", "paper sheet seen")), 200);
        awaitPayable(setup.providerId(), day, day, 1);

        String s2 = unique("st");
        issue(setup.providerId(), s2, day.plusDays(6), day.plusDays(10));
        var two = statement(setup.providerId(), s2);
        var lines = items(two.path("lines"));
        assertThat(lines)
                .as("planned before the period's end and on no statement: it comes in once released")
                .extracting(l -> l.path("visitId").asString())
                .containsExactly(held);
        assertThat(lines.get(0).path("amountPence").asLong()).isEqualTo(2400);
        assertThat(lines.get(0).path("date").asString()).isEqualTo(day.toString());
    }

    @Test
    @DisplayName("an amendment approved after a visit was paid becomes an adjustment line on the next statement")
    void amendmentToAPaidVisitIsAnAdjustmentLine() {
        var setup = councilSetup(2400);
        LocalDate day = today().minusDays(20);
        String visitId = deliveredAt(setup, at(day, 12), 60);
        awaitPayable(setup.providerId(), day, day, 1);
        String s1 = unique("st");
        issue(setup.providerId(), s1, day, day);

        String amendmentId = unique("am");
        // Four eyes: asked by one council user (fuzzer, COUNCIL in the test profile), approved by another.
        ok(
                as("fuzzer")
                        .post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                body(
                                        "amendmentId",
                                        amendmentId,
                                        "checkedOutAt",
                                        at(day, 12).plusSeconds(45 * 60).toString(),
                                        "reasonCode",
                                        "WRONG_TIME_RECORDED",
                                        "note",
                                        "carer left at a quarter to")),
                201);
        ok(
                council()
                        .post(
                                "/api/v1/visits/" + visitId + "/amendments/" + amendmentId + "/approval",
                                body("note", "checked with the client")),
                200);
        eventually(() -> assertThat(
                        visitView(council(), visitId).path("deliveredMinutes").asInt())
                .isEqualTo(45));

        String s2 = unique("st");
        issue(setup.providerId(), s2, day.plusDays(1), day.plusDays(3));
        assertThat(statement(setup.providerId(), s1).path("payablePence").asLong())
                .as("an issued statement never changes")
                .isEqualTo(2400);
        var adjustment = itemWith(items(statement(setup.providerId(), s2).path("lines")), "visitId", visitId)
                .orElseThrow();
        // 45 instead of 60 minutes at 2400p/h: 600p less than paid.
        assertThat(adjustment.path("amountPence").asLong()).isEqualTo(-600);
        // adjustmentOf is read as naming what it adjusts: the first statement.
        assertThat(adjustment.path("adjustmentOf").asString()).isNotEmpty();
        assertThat(adjustment.path("adjustmentOf").asString()).contains(s1);
    }

    // ---- helpers ----

    private JsonNode preview(String providerId, LocalDate from, LocalDate to) {
        var response =
                council().get("/api/v1/providers/" + providerId + "/statement-preview?from=" + from + "&to=" + to);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private void awaitPayable(String providerId, LocalDate from, LocalDate to, int visits) {
        eventually(() -> assertThat(preview(providerId, from, to)
                        .path("payable")
                        .path("visits")
                        .asInt())
                .isEqualTo(visits));
    }

    private void issue(String providerId, String statementId, LocalDate from, LocalDate to) {
        ok(
                council()
                        .post(
                                "/api/v1/providers/" + providerId + "/statements",
                                body(
                                        "statementId",
                                        statementId,
                                        "periodFrom",
                                        from.toString(),
                                        "periodTo",
                                        to.toString())),
                201);
    }

    private JsonNode statement(String providerId, String statementId) {
        var holder = new JsonNode[1];
        eventually(() -> {
            var response = council().get("/api/v1/providers/" + providerId + "/statements/" + statementId);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            holder[0] = response.json();
        });
        return holder[0];
    }

    private List<JsonNode> ratesFrom(String packageId, LocalDate from) {
        var response = council().get("/api/v1/packages/" + packageId + "/rates");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return items(response.json()).stream()
                .filter(rate -> rate.path("effectiveFrom").asString().equals(from.toString()))
                .toList();
    }

    /** The one rate from that date, once the view shows it (the read carries no position). */
    private int rateFrom(String packageId, LocalDate from) {
        var found = new java.util.concurrent.atomic.AtomicInteger();
        eventually(() -> {
            var rates = ratesFrom(packageId, from);
            assertThat(rates).as("one rate from %s on %s", from, packageId).hasSize(1);
            found.set(rates.get(0).path("hourlyRatePence").asInt());
        });
        return found.get();
    }

    private void assertBilled(String visitId, String rule, int minutes, long pence) {
        var visit = visitView(council(), visitId);
        assertThat(visit.path("billingRule").asString()).as(visitId).isEqualTo(rule);
        assertThat(visit.path("billableMinutes").asInt()).as(visitId).isEqualTo(minutes);
        assertThat(visit.path("billablePence").asLong()).as(visitId).isEqualTo(pence);
    }
}
