package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The history import end to end on PostgreSQL: CSV and JSON lines, mixed lines, re-import, no misses for the past. */
class ImportApiTest extends ApiTestSupport {

    private static final String HEADER =
            "visitId,packageId,workerId,plannedStart,plannedMinutes,shortVisitJustification,checkedInAt,checkedOutAt,"
                    + "method,endedEarlyAtClientRequest,cancelled\r\n";

    private static String csvLine(
            String visitId,
            Roster roster,
            Instant start,
            int minutes,
            Integer inAfter,
            Integer outAfter,
            String extra) {
        return String.join(
                        ",",
                        visitId,
                        roster.packageId(),
                        roster.workerId(),
                        start.toString(),
                        Integer.toString(minutes),
                        "",
                        inAfter == null ? "" : start.plusSeconds(inAfter * 60L).toString(),
                        outAfter == null
                                ? ""
                                : start.plusSeconds(outAfter * 60L).toString(),
                        inAfter == null ? "" : "APP_GPS",
                        extra,
                        "")
                + "\r\n";
    }

    private Api.Response importCsv(String body) {
        return council().postRaw("/api/v1/imports/visits", "text/csv", body);
    }

    @Test
    @DisplayName("a CSV of good and bad lines stores the good ones, each event marked IMPORT; the bad store nothing")
    void mixedLines() {
        var roster = alphaRoster();
        Instant monday = minutesFromNow(-10 * 24 * 60);
        String delivered = unique("iv");
        String shortOne = unique("iv");
        String quoted = unique("iv");
        String backwards = unique("iv");
        String unknownPackage = unique("iv");
        String notRecorded = unique("iv");
        String body = HEADER
                + csvLine(delivered, roster, monday, 60, 5, 65, "false")
                + csvLine(shortOne, roster, monday.plusSeconds(2 * 3600), 60, 0, 40, "false")
                // RFC 4180: a quoted field with a comma, a doubled quote and a line break in it
                + String.join(
                        ",",
                        quoted,
                        roster.packageId(),
                        roster.workerId(),
                        monday.plusSeconds(4 * 3600).toString(),
                        "15",
                        "\"medication, \"\"prompt\"\"\r\nonly\"",
                        monday.plusSeconds(4 * 3600).toString(),
                        monday.plusSeconds(4 * 3600 + 15 * 60).toString(),
                        "TELEPHONY",
                        "",
                        "")
                + "\r\n"
                + csvLine(backwards, roster, monday.plusSeconds(6 * 3600), 60, 30, 10, "false")
                + "not,enough,fields\r\n"
                + csvLine(
                        unknownPackage, new Roster(ALPHA, roster.workerId(), "no-such-pkg"), monday, 60, null, null, "")
                + csvLine(notRecorded, roster, monday.plusSeconds(8 * 3600), 60, null, null, "");
        long before = eventCount();

        var response = importCsv(body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("created").asInt()).isEqualTo(4);
        assertThat(result.path("refused").asInt()).isEqualTo(3);
        JsonNode lines = result.path("visits");
        assertThat(statuses(lines))
                .containsExactly("CREATED", "CREATED", "CREATED", "REFUSED", "REFUSED", "REFUSED", "CREATED");
        assertThat(lines.get(3).path("problem").path("type").asString())
                .isEqualTo("/problems/check-out-before-check-in");
        assertThat(lines.get(4).path("problem").path("type").asString()).isEqualTo("/problems/malformed-request");
        assertThat(lines.get(4).path("line").asInt())
                .as("the quoted line break counts: line 7 of the file")
                .isEqualTo(7);
        assertThat(lines.get(5).path("problem").path("type").asString()).isEqualTo("/problems/unknown-package");

        // 4 events for each of three delivered lines, 1 for the line with no outcome; nothing for the refused.
        assertThat(eventCount() - before).isEqualTo(13);
        assertThat(eventTypes(StreamIds.visit(delivered)))
                .containsExactly("VisitScheduled", "VisitCheckedIn", "VisitCheckedOut", "VisitDelivered");
        assertThat(eventTypes(StreamIds.visit(backwards))).isEmpty();
        assertThat(eventMetaData(StreamIds.visit(delivered))).allSatisfy(meta -> {
            assertThat(meta).containsEntry("source", "IMPORT");
            assertThat(meta).containsEntry("principal", "council");
        });
        assertThat(eventMetaData(StreamIds.visit(notRecorded)))
                .allSatisfy(meta -> assertThat(meta).containsEntry("source", "IMPORT"));

        eventually(() -> {
            var visit = council().get("/api/v1/visits/" + quoted).json();
            assertThat(visit.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(visit.path("deliveredMinutes").asInt()).isEqualTo(15);
        });
        eventually(() -> {
            var visit = council().get("/api/v1/visits/" + shortOne).json();
            assertThat(visit.path("short").asBoolean())
                    .as("40 of 60 minutes is short, as live")
                    .isTrue();
        });
    }

    @Test
    @DisplayName("importing the same file again answers UNCHANGED for every line and records nothing")
    void reimportIsUnchanged() {
        var roster = alphaRoster();
        Instant day = minutesFromNow(-9 * 24 * 60);
        String body = HEADER
                + csvLine(unique("iv"), roster, day, 60, 0, 60, "false")
                + csvLine(unique("iv"), roster, day.plusSeconds(3 * 3600), 60, 10, 50, "true");
        assertThat(importCsv(body).json().path("created").asInt()).isEqualTo(2);
        long before = eventCount();

        JsonNode again = importCsv(body).json();
        assertThat(again.path("unchanged").asInt()).isEqualTo(2);
        assertThat(again.path("created").asInt()).isZero();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("a past visit imported without an outcome is not flagged missed, now or later")
    void noMissedFlagsForThePast() {
        var roster = alphaRoster();
        String visitId = unique("iv");
        long deadlinesBefore = pendingDeadlines();
        var response = importCsv(HEADER + csvLine(visitId, roster, minutesFromNow(-3 * 24 * 60), 60, null, null, ""));
        assertThat(response.json().path("created").asInt()).as(response.text()).isEqualTo(1);

        eventually(() -> {
            var visit = council().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("SCHEDULED");
            assertThat(visit.path("missedAlerted").asBoolean()).isFalse();
        });
        assertThat(eventTypes(StreamIds.visit(visitId))).containsExactly("VisitScheduled");
        assertThat(pendingDeadlines()).as("no missed deadline waits for it").isEqualTo(deadlinesBefore);
    }

    @Test
    @DisplayName("an imported visit has the figures of the same visit sent live (delivered, short, unused, billed)")
    void figuresEqualLive() {
        var roster = alphaRoster();
        String live = delivered(council(), roster, 26 * 60, 50, true);
        var liveView = new JsonNode[1];
        eventually(() -> {
            liveView[0] = council().get("/api/v1/visits/" + live).json();
            assertThat(liveView[0].path("status").asString()).isEqualTo("DELIVERED");
        });
        Instant start = Instant.parse(liveView[0].path("plannedStart").asString());
        // The same plan a day earlier for the same worker and package, checked in on time and out after 50 minutes.
        String imported = unique("iv");
        var line = Map.<String, Object>of(
                "visitId", imported,
                "packageId", roster.packageId(),
                "workerId", roster.workerId(),
                "plannedStart", start.minusSeconds(24 * 3600).toString(),
                "plannedMinutes", 60,
                "checkedInAt", start.minusSeconds(24 * 3600).toString(),
                "checkedOutAt", start.minusSeconds(24 * 3600 - 50 * 60).toString(),
                "method", "APP_GPS",
                "endedEarlyAtClientRequest", true);
        var response = council()
                .postRaw("/api/v1/imports/visits", "application/x-ndjson", Api.JSON.writeValueAsString(line) + "\n");
        assertThat(response.json().path("created").asInt()).as(response.text()).isEqualTo(1);

        eventually(() -> {
            var view = council().get("/api/v1/visits/" + imported).json();
            assertThat(view.path("status").asString()).isEqualTo("DELIVERED");
            for (String figure :
                    List.of("deliveredMinutes", "short", "unusedMinutes", "billableMinutes", "billablePence", "late")) {
                assertThat(view.path(figure)).as(figure).isEqualTo(liveView[0].path(figure));
            }
        });
        assertThat(liveView[0].path("missedAlerted").asBoolean())
                .as("the live visit, scheduled after its missed moment, was flagged")
                .isTrue();
        assertThat(council()
                        .get("/api/v1/visits/" + imported)
                        .json()
                        .path("missedAlerted")
                        .asBoolean())
                .isFalse();
    }

    @Test
    @DisplayName("JSON lines with a malformed line: that line is refused, the others stored; a bad CSV header is a 400")
    void jsonLinesAndBadHeader() {
        var roster = alphaRoster();
        Instant day = minutesFromNow(-8 * 24 * 60);
        String good = unique("iv");
        String body = "{\"visitId\":\"" + good + "\",\"packageId\":\"" + roster.packageId() + "\",\"workerId\":\""
                + roster.workerId() + "\",\"plannedStart\":\"" + day + "\",\"plannedMinutes\":60,\"cancelled\":true}\n"
                + "{not json\n"
                + "\n";
        JsonNode result = council()
                .postRaw("/api/v1/imports/visits", "application/x-ndjson", body)
                .json();
        assertThat(statuses(result.path("visits"))).containsExactly("CREATED", "REFUSED");
        assertThat(eventTypes(StreamIds.visit(good))).containsExactly("VisitScheduled", "VisitCancelled");

        var badHeader = importCsv("visitId,packageId,colour\r\nv,p,red\r\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.isProblem()).isTrue();
        assertThat(badHeader.problemType()).isEqualTo("/problems/invalid-import-header");
    }

    @Test
    @DisplayName("only the council imports: a provider is refused 403")
    void onlyTheCouncilImports() {
        var response = alpha().postRaw("/api/v1/imports/visits", "text/csv", HEADER);
        assertThat(response.status()).isEqualTo(403);
    }

    private long pendingDeadlines() {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks")
                .query(Long.class)
                .single();
    }

    private static List<String> statuses(JsonNode lines) {
        var statuses = new ArrayList<String>();
        lines.forEach(line -> statuses.add(line.path("status").asString()));
        return statuses;
    }
}
