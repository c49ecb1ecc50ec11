package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RosterApiTest extends ApiTestSupport {

    @Test
    @DisplayName("a roster stores its valid lines and answers each bad line with the rule it broke")
    void mixOfGoodAndBadLines() {
        var roster = alphaRoster();
        var start = minutesFromNow(5 * 24 * 60);
        String good1 = unique("v");
        String good2 = unique("v");
        String tooShort = unique("v");
        String clash = unique("v");
        String unknownPackage = unique("v");

        var justified = line(good2, roster, start.plusSeconds(3 * 3600), 15);
        justified.put("shortVisitJustification", "medication prompt only, agreed in care plan");
        var lines = List.<Object>of(
                line(good1, roster, start, 60),
                justified,
                line(tooShort, roster, start.plusSeconds(6 * 3600), 15),
                line(clash, roster, start.plusSeconds(30 * 60), 60),
                Map.of("visitId", "bad-types", "packageId", roster.packageId(), "plannedMinutes", "an hour"),
                Map.of("visitId", "no fields allowed here!"),
                lineWithPackage(unknownPackage, "no-such-package", roster, start.plusSeconds(9 * 3600)));

        long before = eventCount();
        var response = alpha().post("/api/v1/rosters", Map.of("visits", lines));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("created").asInt()).isEqualTo(2);
        assertThat(result.path("refused").asInt()).isEqualTo(5);

        var visits = result.path("visits");
        assertThat(visits.get(0).path("status").asString()).isEqualTo("CREATED");
        assertThat(visits.get(1).path("status").asString()).isEqualTo("CREATED");
        assertThat(problemType(visits.get(2))).isEqualTo("/problems/short-visit-not-justified");
        assertThat(problemType(visits.get(3))).isEqualTo("/problems/worker-double-booked");
        assertThat(visits.get(3).path("problem").path("clashingVisitId").asString())
                .isEqualTo(good1);
        assertThat(problemType(visits.get(4))).isEqualTo("/problems/malformed-request");
        assertThat(problemType(visits.get(5))).isEqualTo("/problems/invalid-request");
        assertThat(problemType(visits.get(6))).isEqualTo("/problems/unknown-package");

        assertThat(eventCount() - before)
                .as("one VisitScheduled per valid line, nothing else")
                .isEqualTo(2);
        assertThat(eventTypes(StreamIds.visit(good1))).containsExactly("VisitScheduled");
        assertThat(eventTypes(StreamIds.visit(tooShort))).isEmpty();

        // Sending the same roster again changes nothing: valid lines answer UNCHANGED.
        var again = alpha().post("/api/v1/rosters", Map.of("visits", lines)).json();
        assertThat(again.path("unchanged").asInt()).isEqualTo(2);
        assertThat(eventCount() - before).isEqualTo(2);
    }

    @Test
    @DisplayName("a visit twice in one roster is stored once: the same line again is UNCHANGED, a different one 409")
    void sameVisitTwiceInOneRoster() {
        var roster = alphaRoster();
        var start = minutesFromNow(6 * 24 * 60);
        String visitId = unique("v");
        long before = eventCount();

        var result = alpha().post(
                        "/api/v1/rosters",
                        Map.of(
                                "visits",
                                List.of(
                                        line(visitId, roster, start, 60),
                                        line(visitId, roster, start, 60),
                                        line(visitId, roster, start.plusSeconds(4 * 3600), 60))))
                .json();

        var visits = result.path("visits");
        assertThat(visits.get(0).path("status").asString()).isEqualTo("CREATED");
        assertThat(visits.get(1).path("status").asString()).isEqualTo("UNCHANGED");
        assertThat(visits.get(2).path("status").asString()).isEqualTo("REFUSED");
        assertThat(visits.get(2).path("problem").path("status").asInt()).isEqualTo(409);
        assertThat(eventCount() - before).isEqualTo(1);
    }

    @Test
    @DisplayName("rosters sent at the same time never double-book a worker, whatever order they name the workers in")
    void concurrentRostersNeverDoubleBook() throws Exception {
        var roster = alphaRoster();
        String secondWorker = worker(alpha(), ALPHA);
        var start = minutesFromNow(8 * 24 * 60);
        // Two rosters book the same two workers into the same five hours, naming the workers in opposite orders.
        var first = new java.util.ArrayList<Object>();
        var second = new java.util.ArrayList<Object>();
        for (int hour = 0; hour < 5; hour++) {
            var at = start.plusSeconds(hour * 3600L);
            first.add(line(unique("v"), roster, at, 60));
            first.add(lineFor(unique("v"), roster, secondWorker, at));
            second.add(lineFor(unique("v"), roster, secondWorker, at));
            second.add(line(unique("v"), roster, at, 60));
        }
        long before = eventCount();
        var a = CompletableFuture.supplyAsync(() -> alpha().post("/api/v1/rosters", Map.of("visits", first)));
        var b = CompletableFuture.supplyAsync(() -> alpha().post("/api/v1/rosters", Map.of("visits", second)));
        int created = 0;
        for (var answer : List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS))) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            created += answer.json().path("created").asInt();
            for (var line : answer.json().path("visits")) {
                if (line.path("status").asString().equals("REFUSED")) {
                    assertThat(line.path("problem").path("type").asString())
                            .isEqualTo("/problems/worker-double-booked");
                }
            }
        }
        assertThat(created).as("one visit per worker and hour").isEqualTo(10);
        assertThat(eventCount() - before).isEqualTo(10);
    }

    @Test
    @DisplayName("a roster's lines are checked against the visits its workers were booked into before it")
    void linesCheckedAgainstEarlierBookings() {
        var roster = alphaRoster();
        String secondWorker = worker(alpha(), ALPHA);
        var eight = minutesFromNow(9 * 24 * 60);
        String early = unique("v");
        String ten = unique("v");
        var stored = alpha().post(
                        "/api/v1/rosters",
                        Map.of(
                                "visits",
                                List.of(
                                        line(early, roster, eight, 90),
                                        line(ten, roster, eight.plusSeconds(7200), 60))));
        assertThat(stored.json().path("created").asInt()).as(stored.text()).isEqualTo(2);

        // 08:00-09:30 and 10:00-11:00 are booked. The new roster starts at 09:00, inside the first booking.
        String nineClash = unique("v");
        String halfPastTenClash = unique("v");
        String elevenFree = unique("v");
        String otherWorker = unique("v");
        var result = alpha().post(
                        "/api/v1/rosters",
                        Map.of(
                                "visits",
                                List.of(
                                        line(nineClash, roster, eight.plusSeconds(3600), 60),
                                        line(halfPastTenClash, roster, eight.plusSeconds(9000), 60),
                                        line(elevenFree, roster, eight.plusSeconds(10800), 60),
                                        lineFor(otherWorker, roster, secondWorker, eight.plusSeconds(9000)))))
                .json();

        var visits = result.path("visits");
        assertThat(problemType(visits.get(0))).isEqualTo("/problems/worker-double-booked");
        assertThat(visits.get(0).path("problem").path("clashingVisitId").asString())
                .isEqualTo(early);
        assertThat(problemType(visits.get(1))).isEqualTo("/problems/worker-double-booked");
        assertThat(visits.get(1).path("problem").path("clashingVisitId").asString())
                .isEqualTo(ten);
        assertThat(visits.get(2).path("status").asString())
                .as("11:00 starts as 10:00-11:00 ends")
                .isEqualTo("CREATED");
        assertThat(visits.get(3).path("status").asString()).isEqualTo("CREATED");
    }

    @Test
    @DisplayName("an empty or missing roster is a 400 problem")
    void emptyRoster() {
        var response = alpha().post("/api/v1/rosters", Map.of("visits", List.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(alpha().post("/api/v1/rosters", Map.of()).status()).isEqualTo(400);
    }

    private static String problemType(JsonNode line) {
        assertThat(line.path("status").asString()).isEqualTo("REFUSED");
        return line.path("problem").path("type").asString();
    }

    private static Map<String, Object> line(String visitId, Roster roster, java.time.Instant start, int minutes) {
        return lineWithPackage(visitId, roster.packageId(), roster, start, minutes);
    }

    private static Map<String, Object> lineFor(
            String visitId, Roster roster, String workerId, java.time.Instant start) {
        var line = visit(roster.packageId(), workerId, start, 60);
        line.put("visitId", visitId);
        return line;
    }

    private static Map<String, Object> lineWithPackage(
            String visitId, String packageId, Roster roster, java.time.Instant start) {
        return lineWithPackage(visitId, packageId, roster, start, 60);
    }

    private static Map<String, Object> lineWithPackage(
            String visitId, String packageId, Roster roster, java.time.Instant start, int minutes) {
        var line = visit(packageId, roster.workerId(), start, minutes);
        line.put("visitId", visitId);
        return line;
    }
}
