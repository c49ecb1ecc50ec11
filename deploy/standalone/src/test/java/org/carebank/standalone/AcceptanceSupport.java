package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Black-box acceptance tests of Wave 2, written from the published contract (docs/api.md "Wave 2 additions") only:
 * the helpers here use nothing but the HTTP API. Every scenario makes its own provider, worker, package and ids, so
 * statements (whose periods may not overlap per provider) and figures never meet another test's.
 */
abstract class AcceptanceSupport extends ApiTestSupport {

    static final String POSITION = "Carebank-Position";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer with its headers (the shared {@link Api} keeps only the content type). */
    record Reply(int status, HttpHeaders headers, String text) {

        JsonNode json() {
            return Api.JSON.readTree(text);
        }

        String problemType() {
            return json().path("type").asString();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        long position() {
            var value = header(POSITION);
            assertThat(value)
                    .as("%s on an answer %s %s", POSITION, status, text)
                    .isPresent();
            return Long.parseLong(value.get().trim());
        }
    }

    /** Any request as {@code user}, with extra headers given as name, value, name, value... */
    Reply http(String user, String method, String path, Object body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : Api.JSON.writeValueAsString(body);
            builder.method(method, HttpRequest.BodyPublishers.ofString(text));
            boolean typed = false;
            for (int i = 0; i + 1 < headers.length; i += 2) {
                typed |= headers[i].equalsIgnoreCase("Content-Type");
            }
            if (!typed) {
                builder.header("Content-Type", "application/json");
            }
        }
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- assertions on answers ----

    /** A command that succeeded: the status expected, with its text shown when it did not. */
    static Api.Response ok(Api.Response response, int... statuses) {
        assertThat(response.status()).as(response.text()).isIn(box(statuses));
        return response;
    }

    /** A refusal: the status and a problem whose {@code type} ends with the slug. */
    static void refused(Api.Response response, int status, String slug) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.problemType()).as(response.text()).endsWith("/" + slug);
    }

    private static Object[] box(int... values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    /**
     * The items of a list answer. The contract gives item shapes, not the envelope: a bare JSON array, or an object
     * holding one array (`items` as the visit list does, or a named one). Either is read.
     */
    static List<JsonNode> items(JsonNode answer) {
        var result = new ArrayList<JsonNode>();
        JsonNode array = null;
        if (answer.isArray()) {
            array = answer;
        } else if (answer.path("items").isArray()) {
            array = answer.path("items");
        } else {
            for (JsonNode value : answer) {
                if (value.isArray()) {
                    array = value;
                    break;
                }
            }
        }
        if (array != null) {
            array.forEach(result::add);
        }
        return result;
    }

    /** Every object anywhere in the answer whose {@code field} is {@code value} (for answers of several lists). */
    static List<JsonNode> objectsWith(JsonNode node, String field, String value) {
        var found = new ArrayList<JsonNode>();
        collect(node, field, value, found);
        return found;
    }

    private static void collect(JsonNode node, String field, String value, List<JsonNode> found) {
        if (node.isObject() && node.has(field) && value.equals(node.path(field).asString())) {
            found.add(node);
        }
        if (node.isContainer()) {
            for (JsonNode child : node) {
                collect(child, field, value, found);
            }
        }
    }

    static Optional<JsonNode> itemWith(List<JsonNode> items, String field, String value) {
        return items.stream()
                .filter(item -> value.equals(item.path(field).asString()))
                .findFirst();
    }

    static List<String> csvLines(Api.Response response) {
        return response.text().lines().filter(line -> !line.isBlank()).toList();
    }

    // ---- dates: visits at fixed UTC hours of days relative to today, so "the planned date" is the same in UTC and
    // in UK local time whatever the season ----

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC);
    }

    // ---- a provider of the test's own, run by the council ----

    /** A provider, a worker and an active package, all new, set up by the council. */
    record Setup(String providerId, String workerId, String packageId, String clientRef, String zone) {}

    Setup councilSetup(int hourlyRatePence) {
        return councilSetup(unique("prov"), "north", hourlyRatePence);
    }

    Setup councilSetup(String providerId, String zone, int hourlyRatePence) {
        var admission = Map.of(
                "providerId",
                providerId,
                "name",
                "Provider " + providerId,
                "zones",
                List.of(zone),
                "cqc",
                cqc("GOOD", "GOOD"));
        ok(council().post("/api/v1/providers", admission), 200, 201);
        String workerId = worker(council(), providerId);
        String clientRef = unique("C");
        String packageId = commissioned(clientRef, zone, 420, hourlyRatePence, today().minusDays(400));
        placed(council(), packageId, providerId);
        return new Setup(providerId, workerId, packageId, clientRef, zone);
    }

    /** A package commissioned and nothing more. */
    String commissioned(String clientRef, String zone, int weeklyMinutes, int hourlyRatePence, LocalDate startsOn) {
        String packageId = unique("pkg");
        var commission = new LinkedHashMap<String, Object>();
        commission.put("packageId", packageId);
        commission.put("clientRef", clientRef);
        commission.put("zone", zone);
        commission.put("weeklyMinutes", weeklyMinutes);
        commission.put("hourlyRatePence", hourlyRatePence);
        commission.put("timeBanking", true);
        commission.put("startsOn", startsOn.toString());
        ok(council().post("/api/v1/packages", commission), 201);
        return packageId;
    }

    void placed(Api acceptor, String packageId, String providerId) {
        ok(council().post("/api/v1/packages/" + packageId + "/offers", Map.of("providerId", providerId)), 200);
        ok(acceptor.post("/api/v1/packages/" + packageId + "/acceptance", Map.of("providerId", providerId)), 200);
    }

    /** A 60-minute visit scheduled at {@code start} (a visit in the past is flagged missed at once: still deliverable). */
    String scheduledAt(Api as, String packageId, String workerId, Instant start) {
        String visitId = unique("v");
        ok(as.put("/api/v1/visits/" + visitId, visit(packageId, workerId, start, 60)), 201);
        return visitId;
    }

    /** Checked in at {@code start} and out {@code minutes} later, by the methods given (MANUAL gets a reason). */
    void checkInOut(Api as, String visitId, Instant start, int minutes, String inMethod, String outMethod) {
        checkIn(as, visitId, start, inMethod);
        var out = new LinkedHashMap<String, Object>();
        out.put("at", start.plusSeconds(minutes * 60L).toString());
        out.put("method", outMethod);
        out.put("endedEarlyAtClientRequest", false);
        if (outMethod.equals("MANUAL")) {
            out.put("reason", "app would not open, times from the paper sheet");
        }
        ok(as.post("/api/v1/visits/" + visitId + "/check-out", out), 200);
    }

    void checkIn(Api as, String visitId, Instant at, String method) {
        var in = new LinkedHashMap<String, Object>();
        in.put("at", at.toString());
        in.put("method", method);
        if (method.equals("MANUAL")) {
            in.put("reason", "no signal at the door");
        }
        ok(as.post("/api/v1/visits/" + visitId + "/check-in", in), 200);
    }

    /** A visit scheduled at {@code start} and delivered electronically (APP_GPS both ends) for {@code minutes}. */
    String deliveredAt(Api as, String packageId, String workerId, Instant start, int minutes) {
        String visitId = scheduledAt(as, packageId, workerId, start);
        checkInOut(as, visitId, start, minutes, "APP_GPS", "APP_GPS");
        return visitId;
    }

    String deliveredAt(Setup setup, Instant start, int minutes) {
        return deliveredAt(council(), setup.packageId(), setup.workerId(), start, minutes);
    }

    /** The visit's view once the projection shows it (a read sent without Carebank-Position may come first). */
    JsonNode visitView(Api as, String visitId) {
        var view = new java.util.concurrent.atomic.AtomicReference<JsonNode>();
        eventually(() -> {
            var response = as.get("/api/v1/visits/" + visitId);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            view.set(response.json());
        });
        return view.get();
    }

    /** The stored history of one stream, through the audit API (`<kind>:<id>`), or empty when unknown. */
    List<JsonNode> history(String streamId) {
        var response = council().get("/api/v1/audit/streams/" + streamId);
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var events = new ArrayList<JsonNode>();
        response.json().path("events").forEach(events::add);
        return events;
    }

    static Map<String, Object> body(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
