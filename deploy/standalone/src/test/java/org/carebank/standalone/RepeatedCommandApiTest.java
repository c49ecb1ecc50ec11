package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that names its record by the caller's ids, sent three times: once (201 or 200), the same again (200
 * ALREADY_RECORDED, nothing new stored), then the same ids with another body, which is refused as the contract says
 * (409, or 422 already-banked for a deposit) and stores nothing.
 */
class RepeatedCommandApiTest extends ApiTestSupport {

    /** One command: who sends it, where, the first body and the other body, and the refusal the other one gets. */
    record Repeat(
            Api as,
            String method,
            String path,
            Map<String, Object> first,
            Map<String, Object> other,
            int otherStatus,
            String otherType) {}

    static Stream<Arguments> commands() {
        return Stream.of(
                command("admit a provider", t -> {
                    String id = unique("p");
                    var other = new LinkedHashMap<>(admission(id, cqc("GOOD", "GOOD")));
                    other.put("name", "Another name");
                    return new Repeat(
                            t.council(),
                            "POST",
                            "/api/v1/providers",
                            admission(id, cqc("GOOD", "GOOD")),
                            other,
                            409,
                            "provider-id-reused");
                }),
                command("register a worker", t -> {
                    t.admitted(ALPHA);
                    String id = unique("w");
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/providers/" + ALPHA + "/workers",
                            worker(id, 1300),
                            worker(id, 1400),
                            409,
                            "worker-id-reused");
                }),
                command("commission a package", t -> {
                    String id = unique("pkg");
                    return new Repeat(
                            t.council(),
                            "POST",
                            "/api/v1/packages",
                            commission(id, 420),
                            commission(id, 480),
                            409,
                            "package-id-reused");
                }),
                command("decline a package", t -> {
                    t.admitted(ALPHA);
                    String id = unique("pkg");
                    assertThat(t.council()
                                    .post("/api/v1/packages", commission(id, 420))
                                    .status())
                            .isEqualTo(201);
                    assertThat(t.council()
                                    .post("/api/v1/packages/" + id + "/offers", Map.of("providerId", ALPHA))
                                    .status())
                            .isEqualTo(200);
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/packages/" + id + "/declines",
                            Map.of("providerId", ALPHA, "reason", "NO_CAPACITY", "note", "full"),
                            Map.of("providerId", ALPHA, "reason", "NO_COVERAGE", "note", "full"),
                            409,
                            "package-already-declined");
                }),
                command("hand a package back", t -> {
                    t.admitted(ALPHA);
                    String id = t.activePackage(t.alpha(), ALPHA);
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/packages/" + id + "/hand-back",
                            Map.of("reason", "cannot staff it", "effectiveOn", "2026-12-31"),
                            Map.of("reason", "client moved", "effectiveOn", "2026-12-31"),
                            409,
                            "package-already-handed-back");
                }),
                command("schedule a visit", t -> {
                    var roster = t.alphaRoster();
                    String id = unique("v");
                    var start = minutesFromNow(700);
                    return new Repeat(
                            t.alpha(),
                            "PUT",
                            "/api/v1/visits/" + id,
                            visit(roster.packageId(), roster.workerId(), start, 60),
                            visit(roster.packageId(), roster.workerId(), start, 45),
                            409,
                            "visit-id-reused");
                }),
                command("check in", t -> {
                    var roster = t.alphaRoster();
                    var start = minutesFromNow(-20);
                    String id = t.scheduled(roster, start, 60);
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/visits/" + id + "/check-in",
                            Map.of("at", start.toString(), "method", "MANUAL", "reason", "no signal"),
                            Map.of("at", start.toString(), "method", "MANUAL", "reason", "app crashed"),
                            409,
                            "visit-already-checked-in");
                }),
                command("check out", t -> {
                    var roster = t.alphaRoster();
                    var start = minutesFromNow(-80);
                    String id = t.scheduled(roster, start, 60);
                    assertThat(t.alpha()
                                    .post(
                                            "/api/v1/visits/" + id + "/check-in",
                                            Map.of("at", start.toString(), "method", "APP_GPS"))
                                    .status())
                            .isEqualTo(200);
                    String end = start.plusSeconds(3000).toString();
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/visits/" + id + "/check-out",
                            Map.of("at", end, "method", "APP_GPS", "endedEarlyAtClientRequest", false),
                            Map.of("at", end, "method", "APP_GPS", "endedEarlyAtClientRequest", true),
                            409,
                            "visit-already-checked-out");
                }),
                command("record a delivery", t -> {
                    var roster = t.alphaRoster();
                    var start = minutesFromNow(-80);
                    String id = t.scheduled(roster, start, 60);
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/visits/" + id + "/delivery",
                            delivery(start.toString(), "phone battery died"),
                            delivery(start.toString(), "app crashed"),
                            409,
                            "visit-already-delivered");
                }),
                command("cancel a visit", t -> {
                    var roster = t.alphaRoster();
                    String id = t.scheduled(roster, minutesFromNow(900), 60);
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/visits/" + id + "/cancellation",
                            Map.of("initiatedBy", "CLIENT", "reason", "in hospital"),
                            Map.of("initiatedBy", "PROVIDER", "reason", "in hospital"),
                            409,
                            "visit-not-open");
                }),
                command("bank unused time", t -> {
                    var roster = t.alphaRoster();
                    String visitId = t.delivered(t.alpha(), roster, 60, 40, true);
                    String client = t.clientOf(roster.packageId());
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/clients/" + client + "/time-bank/deposits",
                            Map.of("visitId", visitId, "minutes", 10, "consentBy", "client"),
                            Map.of("visitId", visitId, "minutes", 10, "consentBy", "a relative"),
                            422,
                            "already-banked");
                }),
                command("draw banked time", t -> {
                    var roster = t.alphaRoster();
                    String visitId = t.delivered(t.alpha(), roster, 60, 40, true);
                    String client = t.clientOf(roster.packageId());
                    assertThat(t.alpha()
                                    .post(
                                            "/api/v1/clients/" + client + "/time-bank/deposits",
                                            Map.of("visitId", visitId, "minutes", 20, "consentBy", "client"))
                                    .status())
                            .isEqualTo(201);
                    String id = unique("wd");
                    return new Repeat(
                            t.alpha(),
                            "POST",
                            "/api/v1/clients/" + client + "/time-bank/withdrawals",
                            Map.of("withdrawalId", id, "minutes", 5, "purpose", "swimming"),
                            Map.of("withdrawalId", id, "minutes", 6, "purpose", "swimming"),
                            409,
                            "withdrawal-id-reused");
                }),
                command("adjust a time bank", t -> {
                    String client = unique("C");
                    String id = unique("adj");
                    return new Repeat(
                            t.council(),
                            "POST",
                            "/api/v1/clients/" + client + "/time-bank/adjustments",
                            Map.of("adjustmentId", id, "minutes", 30, "reason", "opening balance"),
                            Map.of("adjustmentId", id, "minutes", 30, "reason", "another reason"),
                            409,
                            "adjustment-id-reused");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    @DisplayName("the same command again is 200 ALREADY_RECORDED; the same ids with another body are refused")
    void repeatedCommand(String name, Function<RepeatedCommandApiTest, Repeat> prepare) {
        Repeat repeat = prepare.apply(this);
        var first = send(repeat, repeat.first());
        assertThat(first.status()).as(name + ": " + first.text()).isIn(200, 201);
        assertThat(first.header("Carebank-Position"))
                .as(name + " answers its position")
                .isNotBlank();
        long stored = eventCount();

        var same = send(repeat, repeat.first());
        assertThat(same.status()).as(name + " again: " + same.text()).isEqualTo(200);
        assertThat(same.json().path("outcome").asString()).isEqualTo("ALREADY_RECORDED");
        assertThat(same.header("Carebank-Position"))
                .as(name + " again answers a position")
                .isNotBlank();

        var other = send(repeat, repeat.other());
        assertThat(other.status())
                .as(name + " with another body: " + other.text())
                .isEqualTo(repeat.otherStatus());
        assertThat(other.isProblem()).isTrue();
        assertThat(other.problemType()).isEqualTo("/problems/" + repeat.otherType());
        assertThat(eventCount()).as(name + ": nothing more stored").isEqualTo(stored);
    }

    private static Api.Response send(Repeat repeat, Map<String, Object> body) {
        return "PUT".equals(repeat.method())
                ? repeat.as().put(repeat.path(), body)
                : repeat.as().post(repeat.path(), body);
    }

    private static Arguments command(String name, Function<RepeatedCommandApiTest, Repeat> prepare) {
        return Arguments.of(name, prepare);
    }

    private static Map<String, Object> worker(String workerId, int pay) {
        return Map.of("workerId", workerId, "contractType", "ZERO_HOURS", "travelMode", "CAR", "hourlyPayPence", pay);
    }

    private static Map<String, Object> commission(String packageId, int weeklyMinutes) {
        var body = new LinkedHashMap<String, Object>();
        body.put("packageId", packageId);
        body.put("clientRef", "C-" + packageId);
        body.put("zone", "north");
        body.put("weeklyMinutes", weeklyMinutes);
        body.put("hourlyRatePence", 2400);
        body.put("timeBanking", true);
        body.put("startsOn", "2026-01-01");
        return body;
    }

    private static Map<String, Object> delivery(String startedAt, String reason) {
        return Map.of(
                "startedAt", startedAt, "deliveredMinutes", 45, "endedEarlyAtClientRequest", false, "reason", reason);
    }
}
