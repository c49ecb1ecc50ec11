package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, "no input can stop a projection" and "bad values are refused, each on its own", end to end on PostgreSQL:
 * text a store cannot hold and instants or dates outside the window, in every field of every command. Each is a 400
 * problem+json naming the field, nothing is stored, no answer is a 5xx and the service logs no error or stack trace.
 */
class HostileInputApiTest extends ApiTestSupport {

    /** Where a bad character goes in a body: replaced, after serialising, by the JSON escape a client would send. */
    private static final String MARK = "@@bad@@";

    /** One character of each class the stores cannot hold, as JSON escapes (the HTTP client sends no raw NUL). */
    private static final Map<String, String> UNSTORABLE = orderedMap(
            "NUL", "\\u0000",
            "C0 SOH", "\\u0001",
            "C0 ESC", "\\u001b",
            "C0 US", "\\u001f",
            "DEL", "\\u007f",
            "C1 NEL", "\\u0085",
            "C1 APC", "\\u009f",
            "unpaired high surrogate", "\\ud800",
            "unpaired low surrogate", "\\udc00",
            "non-character U+FFFF", "\\uffff",
            "non-character U+FDD0", "\\ufdd0");

    /** Tab, newline and carriage return: free text may hold them, ids, references, names and zones may not. */
    private static final Map<String, String> LINE_LAYOUT = orderedMap("tab", "\\t", "newline", "\\n", "CR", "\\r");

    private static final List<String> INSTANTS_OUT_OF_WINDOW = List.of(
            "+1000000000-12-31T23:00:00Z",
            "+999999999-12-31T09:00:00Z",
            "9999-12-31T09:00:00Z",
            "0001-01-01T09:00:00Z",
            "0000-01-01T09:00:00Z",
            "-999999999-01-01T09:00:00Z",
            "1999-12-31T23:59:59Z");

    private static final List<String> INSTANTS_UNPARSEABLE =
            List.of("+1000000001-01-01T00:00:00Z", "2026-02-30T09:00:00Z", "2026-11-23T25:00:00Z");

    private static final List<String> DATES_OUT_OF_WINDOW =
            List.of("+999999999-12-31", "9999-12-31", "0001-01-01", "0000-01-01", "-999999999-01-01", "1999-12-31");

    private static final List<String> DATES_UNPARSEABLE = List.of("+1000000000-01-01", "2026-02-30", "2026-13-01");

    private final List<Api.Response> responses = new ArrayList<>();
    private CapturedLog log;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.open();
    }

    @AfterEach
    void noErrorsAndNo5xx() {
        log.close();
        assertThat(responses).as("answers of the hostile requests").isNotEmpty();
        assertThat(responses).as("no hostile request is a 5xx").allSatisfy(response -> assertThat(response.status())
                .as(response.text())
                .isLessThan(500));
        assertThat(log.errorsAndStackTraces())
                .as("bad input leaves no ERROR and no stack trace in the log")
                .isEmpty();
    }

    /** A command whose {@code field} holds {@link #MARK}, sent by {@code as}. */
    private record Case(String field, Api as, String method, String path, Map<String, Object> body) {}

    @Test
    @DisplayName("the cancellation with a NUL in its reason is refused; the visit views keep following later visits")
    void nulInCancellationReason() {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(3 * 24 * 60), 60);
        long before = eventCount();

        var refused = record(alpha().postRaw(
                        "/api/v1/visits/" + visitId + "/cancellation",
                        "application/json",
                        "{\"initiatedBy\":\"CLIENT\",\"reason\":\"client in hospital\\u0000\"}"));
        assertInvalid(refused, "reason");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .contains("U+0000");
        assertThat(eventCount()).as("nothing stored").isEqualTo(before);
        assertThat(eventTypes(StreamIds.visit(visitId))).containsExactly("VisitScheduled");

        var cancelled = record(alpha().post(
                        "/api/v1/visits/" + visitId + "/cancellation",
                        Map.of("initiatedBy", "CLIENT", "reason", "client in hospital")));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        String later = scheduled(roster, minutesFromNow(4 * 24 * 60), 60);
        eventually(() -> {
            assertThat(alpha().get("/api/v1/visits/" + visitId)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("CANCELLED");
            var view = alpha().get("/api/v1/visits/" + later);
            assertThat(view.status()).as(view.text()).isEqualTo(200);
            assertThat(view.json().path("status").asString()).isEqualTo("SCHEDULED");
        });
    }

    @Test
    @DisplayName("every text field of every command refuses each class of unstorable character, naming the field")
    void unstorableCharactersInEveryTextField() {
        var cases = textCases();
        long before = eventCount();
        for (var aCase : cases) {
            for (var bad : UNSTORABLE.entrySet()) {
                assertInvalid(send(aCase, bad.getValue()), aCase.field(), aCase.field() + " with " + bad.getKey());
            }
        }
        assertThat(eventCount()).as("no refused command stored anything").isEqualTo(before);
    }

    @Test
    @DisplayName("tab, newline and CR are refused in ids, references, names and zones, and kept in free text")
    void lineLayoutOnlyInFreeText() {
        var cases = textCases();
        long before = eventCount();
        for (var aCase : cases.stream().filter(c -> !isFreeText(c.field())).toList()) {
            for (var layout : LINE_LAYOUT.entrySet()) {
                assertInvalid(
                        send(aCase, layout.getValue()), aCase.field(), aCase.field() + " with " + layout.getKey());
            }
        }
        assertThat(eventCount()).isEqualTo(before);

        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(5 * 24 * 60), 60);
        var cancelled = record(alpha().postRaw(
                        "/api/v1/visits/" + visitId + "/cancellation",
                        "application/json",
                        "{\"initiatedBy\":\"CLIENT\",\"reason\":\"in hospital\\r\\nback next week\\tperhaps\"}"));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(eventTypes(StreamIds.visit(visitId))).containsExactly("VisitScheduled", "VisitCancelled");
    }

    @Test
    @DisplayName("control characters in ids in the path and in the Idempotency-Key header are a 4xx problem")
    void pathAndHeader() {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(6 * 24 * 60), 60);
        long before = eventCount();
        for (String bad : List.of("%00", "%01", "%09", "%0A", "%0D", "%7F", "%C2%85", "%ED%A0%80", "%EF%BF%BF")) {
            var response = record(alpha().post(
                            "/api/v1/visits/" + visitId + bad + "/cancellation",
                            Map.of("initiatedBy", "CLIENT", "reason", "away")));
            assertThat(response.status()).as(bad + ": " + response.text()).isBetween(400, 499);
            assertThat(response.isProblem())
                    .as(bad + ": " + response.contentType())
                    .isTrue();
        }
        for (String key : List.of("key\tx", "key\u0085x", "k\u00e9y")) {
            var response = record(alpha().postWithKey(
                            "/api/v1/visits/" + visitId + "/cancellation",
                            Map.of("initiatedBy", "CLIENT", "reason", "away"),
                            key));
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName(
            "every instant and date of every command outside the window, or unparseable, is a 400 naming the field")
    void instantsAndDatesOutOfWindow() {
        var cases = timeCases();
        long before = eventCount();
        for (var aCase : cases) {
            boolean isDate = aCase.field().endsWith("On");
            for (String value : isDate ? DATES_OUT_OF_WINDOW : INSTANTS_OUT_OF_WINDOW) {
                assertInvalid(send(aCase, value), aCase.field(), aCase.field() + " = " + value);
            }
            for (String value : isDate ? DATES_UNPARSEABLE : INSTANTS_UNPARSEABLE) {
                var response = send(aCase, value);
                assertThat(response.status())
                        .as(aCase.field() + " = " + value + ": " + response.text())
                        .isEqualTo(400);
                assertThat(response.isProblem()).isTrue();
                assertThat(response.text()).as(aCase.field() + " = " + value).contains(leafOf(aCase.field()));
            }
        }
        assertThat(eventCount()).as("no refused command stored anything").isEqualTo(before);
    }

    @Test
    @DisplayName("numbers beyond their bounds or beyond int are a 400, never an overflow")
    void numbersOutOfBounds() {
        var roster = alphaRoster();
        long before = eventCount();
        for (Object minutes : List.of(1441, 0, -1, 2_147_483_648L, "9".repeat(40), 1e308)) {
            var body = visit(roster.packageId(), roster.workerId(), minutesFromNow(7 * 24 * 60), 60);
            body.put("plannedMinutes", minutes);
            var response = record(alpha().put("/api/v1/visits/" + unique("v"), body));
            assertThat(response.status()).as(minutes + ": " + response.text()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
        }
        for (Object pence : List.of(100_001, 2_147_483_648L, -2_147_483_649L)) {
            var body = commission(unique("pkg"));
            body.put("hourlyRatePence", pence);
            var response = record(council().post("/api/v1/packages", body));
            assertThat(response.status()).as(pence + ": " + response.text()).isEqualTo(400);
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName(
            "a roster answers each bad line alone: out-of-window, unparseable and unstorable lines refused, good kept")
    void rosterRefusesBadLinesAlone() {
        var roster = alphaRoster();
        var start = minutesFromNow(8 * 24 * 60);
        String good = unique("v");
        String overflow = unique("v");
        String yearOne = unique("v");
        String unparseable = unique("v");
        String nul = unique("v");
        var lines = List.of(
                line(good, roster, start.toString()),
                line(overflow, roster, "+1000000000-12-31T23:00:00Z"),
                line(yearOne, roster, "0001-01-01T09:00:00Z"),
                line(unparseable, roster, "+1000000001-01-01T00:00:00Z"),
                line(nul, roster, start.plusSeconds(4 * 3600).toString()));
        lines.get(4).put("shortVisitJustification", "meds" + MARK);
        String body = Api.JSON.writeValueAsString(Map.of("visits", lines)).replace(MARK, "\\u0000");

        long before = eventCount();
        var response = record(alpha().postRaw("/api/v1/rosters", "application/json", body));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("refused").asInt()).isEqualTo(4);
        var visits = result.path("visits");
        assertThat(visits.get(0).path("status").asString()).isEqualTo("CREATED");
        assertThat(fields(visits.get(1).path("problem"))).containsExactly("plannedStart");
        assertThat(fields(visits.get(2).path("problem"))).containsExactly("plannedStart");
        assertThat(visits.get(3).path("status").asString()).isEqualTo("REFUSED");
        assertThat(visits.get(3).path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(visits.get(3).path("problem").path("detail").asString()).contains("plannedStart");
        assertThat(fields(visits.get(4).path("problem"))).containsExactly("shortVisitJustification");
        assertThat(eventCount() - before).as("only the good line is stored").isEqualTo(1);
        assertThat(eventTypes(StreamIds.visit(good))).containsExactly("VisitScheduled");
        assertThat(eventTypes(StreamIds.visit(overflow))).isEmpty();
        assertThat(eventTypes(StreamIds.visit(yearOne))).isEmpty();
    }

    // ---- the commands, with each text, instant and date field in turn holding the bad value ----

    private List<Case> textCases() {
        var roster = alphaRoster();
        String scheduledVisit = scheduled(roster, minutesFromNow(2 * 24 * 60), 60);
        String clientRef = clientOf(roster.packageId());
        String banked = delivered(alpha(), roster, 180, 40, true);
        String offered = offeredPackage();
        String commissioned = commissionedPackage();
        var cases = new ArrayList<Case>();

        for (String field : List.of("providerId", "name")) {
            var body = new LinkedHashMap<>(admission(unique("p"), cqc("GOOD", "GOOD")));
            body.put(field, field.equals("name") ? "Sunrise " + MARK : "p-" + MARK);
            cases.add(new Case(field, council(), "POST", "/api/v1/providers", body));
        }
        var zoned = new LinkedHashMap<>(admission(unique("p"), cqc("GOOD", "GOOD")));
        zoned.put("zones", List.of("north", "so" + MARK));
        cases.add(new Case("zones[1]", council(), "POST", "/api/v1/providers", zoned));
        cases.add(new Case(
                "workerId",
                alpha(),
                "POST",
                "/api/v1/providers/" + ALPHA + "/workers",
                body(
                        "workerId",
                        "w-" + MARK,
                        "contractType",
                        "ZERO_HOURS",
                        "travelMode",
                        "CAR",
                        "hourlyPayPence",
                        1300)));
        for (String field : List.of("packageId", "clientRef", "zone")) {
            var body = commission(unique("pkg"));
            body.put(field, "x-" + MARK);
            cases.add(new Case(field, council(), "POST", "/api/v1/packages", body));
        }
        cases.add(new Case(
                "providerId",
                council(),
                "POST",
                "/api/v1/packages/" + commissioned + "/offers",
                body("providerId", ALPHA + MARK)));
        cases.add(new Case(
                "providerId",
                alpha(),
                "POST",
                "/api/v1/packages/" + offered + "/acceptance",
                body("providerId", ALPHA + MARK)));
        cases.add(new Case(
                "providerId",
                alpha(),
                "POST",
                "/api/v1/packages/" + offered + "/declines",
                body("providerId", ALPHA + MARK, "reason", "NO_CAPACITY")));
        cases.add(new Case(
                "note",
                alpha(),
                "POST",
                "/api/v1/packages/" + offered + "/declines",
                body("providerId", ALPHA, "reason", "NO_CAPACITY", "note", "no staff " + MARK)));
        cases.add(new Case(
                "reason",
                alpha(),
                "POST",
                "/api/v1/packages/" + roster.packageId() + "/hand-back",
                body("reason", "cannot cover " + MARK, "effectiveOn", "2026-12-31")));
        for (String field : List.of("packageId", "workerId", "shortVisitJustification")) {
            var body = visit(roster.packageId(), roster.workerId(), minutesFromNow(9 * 24 * 60), 15);
            body.put("shortVisitJustification", "medication prompt");
            body.put(field, body.get(field) + MARK);
            cases.add(new Case(field, alpha(), "PUT", "/api/v1/visits/" + unique("v"), body));
        }
        String visitPath = "/api/v1/visits/" + scheduledVisit;
        cases.add(new Case(
                "workerId", alpha(), "POST", visitPath + "/reassignment", body("workerId", roster.workerId() + MARK)));
        cases.add(new Case(
                "reason",
                alpha(),
                "POST",
                visitPath + "/cancellation",
                body("initiatedBy", "CLIENT", "reason", "client in hospital" + MARK)));
        String soon = minutesFromNow(2 * 24 * 60).toString();
        cases.add(new Case(
                "reason",
                alpha(),
                "POST",
                visitPath + "/check-in",
                body("at", soon, "method", "MANUAL", "reason", "phone broken" + MARK)));
        cases.add(new Case(
                "reason",
                alpha(),
                "POST",
                visitPath + "/check-out",
                body(
                        "at",
                        soon,
                        "method",
                        "MANUAL",
                        "endedEarlyAtClientRequest",
                        false,
                        "reason",
                        "phone broken" + MARK)));
        cases.add(new Case(
                "reason",
                alpha(),
                "POST",
                visitPath + "/delivery",
                body(
                        "startedAt",
                        soon,
                        "deliveredMinutes",
                        60,
                        "endedEarlyAtClientRequest",
                        false,
                        "reason",
                        "no signal" + MARK)));
        String bank = "/api/v1/clients/" + clientRef + "/time-bank";
        cases.add(new Case(
                "visitId",
                alpha(),
                "POST",
                bank + "/deposits",
                body("visitId", banked + MARK, "minutes", 10, "consentBy", "client")));
        cases.add(new Case(
                "consentBy",
                alpha(),
                "POST",
                bank + "/deposits",
                body("visitId", banked, "minutes", 10, "consentBy", "client" + MARK)));
        for (String field : List.of("withdrawalId", "purpose", "visitId")) {
            var body = body("withdrawalId", unique("wd"), "minutes", 5, "purpose", "longer visit", "visitId", banked);
            body.put(field, body.get(field) + MARK);
            cases.add(new Case(field, alpha(), "POST", bank + "/withdrawals", body));
        }
        for (String field : List.of("adjustmentId", "reason")) {
            var body = body("adjustmentId", unique("adj"), "minutes", 5, "reason", "correction");
            body.put(field, body.get(field) + MARK);
            cases.add(new Case(field, council(), "POST", bank + "/adjustments", body));
        }
        return cases;
    }

    private List<Case> timeCases() {
        var roster = alphaRoster();
        String checkedIn = scheduled(roster, minutesFromNow(-20), 60);
        var in = record(alpha().post(
                        "/api/v1/visits/" + checkedIn + "/check-in",
                        Map.of("at", minutesFromNow(-20).toString(), "method", "APP_GPS")));
        assertThat(in.status()).as(in.text()).isEqualTo(200);
        String open = scheduled(roster, minutesFromNow(-200), 60);
        var cases = new ArrayList<Case>();
        cases.add(new Case(
                "plannedStart",
                alpha(),
                "PUT",
                "/api/v1/visits/" + unique("v"),
                visitWith(roster, "plannedStart", MARK)));
        cases.add(new Case(
                "plannedStart",
                alpha(),
                "POST",
                "/api/v1/visits/" + open + "/reschedule",
                body("plannedStart", MARK, "plannedMinutes", 60)));
        cases.add(new Case(
                "at", alpha(), "POST", "/api/v1/visits/" + open + "/check-in", body("at", MARK, "method", "APP_GPS")));
        cases.add(new Case(
                "at",
                alpha(),
                "POST",
                "/api/v1/visits/" + checkedIn + "/check-out",
                body("at", MARK, "method", "APP_GPS", "endedEarlyAtClientRequest", false)));
        cases.add(new Case(
                "startedAt",
                alpha(),
                "POST",
                "/api/v1/visits/" + open + "/delivery",
                body("startedAt", MARK, "deliveredMinutes", 60, "endedEarlyAtClientRequest", false, "reason", "x")));
        for (String field : List.of("startsOn", "endsOn")) {
            var body = commission(unique("pkg"));
            body.put(field, MARK);
            cases.add(new Case(field, council(), "POST", "/api/v1/packages", body));
        }
        cases.add(new Case(
                "effectiveOn",
                alpha(),
                "POST",
                "/api/v1/packages/" + roster.packageId() + "/hand-back",
                body("reason", "cannot cover", "effectiveOn", MARK)));
        var rated = cqc("GOOD", "GOOD");
        rated.put("inspectedOn", MARK);
        cases.add(new Case(
                "cqc.inspectedOn",
                council(),
                "POST",
                "/api/v1/providers",
                new LinkedHashMap<>(admission(unique("p"), rated))));
        cases.add(new Case(
                "inspectedOn",
                council(),
                "POST",
                "/api/v1/providers/" + ALPHA + "/cqc-ratings",
                new LinkedHashMap<>(rated)));
        return cases;
    }

    // ---- helpers ----

    private Api.Response send(Case aCase, String replacement) {
        String json = Api.JSON.writeValueAsString(aCase.body()).replace(MARK, replacement);
        return record(
                aCase.method().equals("PUT")
                        ? aCase.as().putRaw(aCase.path(), "application/json", json)
                        : aCase.as().postRaw(aCase.path(), "application/json", json));
    }

    private Api.Response record(Api.Response response) {
        responses.add(response);
        return response;
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertInvalid(response, field, field);
    }

    private static void assertInvalid(Api.Response response, String field, String what) {
        assertThat(response.status()).as(what + ": " + response.text()).isEqualTo(400);
        assertThat(response.isProblem())
                .as(what + ": " + response.contentType())
                .isTrue();
        assertThat(response.problemType()).as(what).isEqualTo("/problems/invalid-request");
        assertThat(fields(response.json())).as(what).contains(field);
        assertThat(response.text()).doesNotContain("Exception");
    }

    private static List<String> fields(JsonNode problem) {
        var fields = new ArrayList<String>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    private static boolean isFreeText(String field) {
        return List.of("note", "reason", "purpose", "shortVisitJustification").contains(field);
    }

    private static String leafOf(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        var body = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> commission(String packageId) {
        return body(
                "packageId",
                packageId,
                "clientRef",
                unique("C"),
                "zone",
                "north",
                "weeklyMinutes",
                420,
                "hourlyRatePence",
                2400,
                "timeBanking",
                true,
                "startsOn",
                "2026-01-01",
                "endsOn",
                "2027-12-31");
    }

    private String commissionedPackage() {
        String packageId = unique("pkg");
        var response = record(council().post("/api/v1/packages", commission(packageId)));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return packageId;
    }

    private String offeredPackage() {
        String packageId = commissionedPackage();
        var response = record(council().post("/api/v1/packages/" + packageId + "/offers", Map.of("providerId", ALPHA)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return packageId;
    }

    private static Map<String, Object> visitWith(Roster roster, String field, Object value) {
        var body = visit(roster.packageId(), roster.workerId(), minutesFromNow(10 * 24 * 60), 60);
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> line(String visitId, Roster roster, String plannedStart) {
        var line = visit(roster.packageId(), roster.workerId(), minutesFromNow(0), 60);
        line.put("visitId", visitId);
        line.put("plannedStart", plannedStart);
        return line;
    }
}
