package org.carebank.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A signed-in HTTP client of one Carebank instance, as a rostering system or a dashboard would use it. */
final class Http {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Response(int status, String body, HttpHeaders headers) {

        static Response noAnswer(Exception e) {
            return new Response(-1, e.toString(), HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /**
         * What a client may send again unchanged: no answer (not yet listening, or cut off), 503 with Retry-After, a 409
         * that says another command changed the record at the same moment. Never another 5xx: that is a fault.
         */
        boolean mayRetry() {
            return status < 0
                    || status == 503 && headers.firstValue("Retry-After").isPresent()
                    || status == 409 && body.contains("/problems/concurrent-modification");
        }
    }

    private final String baseUrl;
    private final String authorization;

    Http(String baseUrl, String user) {
        this.baseUrl = baseUrl;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits before asking again (a retry, a rate limit). */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request again while its answer is one a client may retry, at most 20 times. */
    static Response untilFinal(Supplier<Response> request) {
        Response response = request.get();
        for (int retry = 0; retry < 20 && response.mayRetry(); retry++) {
            pause(500); // a retry with the same Idempotency-Key cannot count twice
            response = request.get();
        }
        return response;
    }

    String baseUrl() {
        return baseUrl;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Response get(String path, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    Response send(String method, String path, Object body, String idempotencyKey) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = CLIENT.send(
                    request.timeout(Duration.ofSeconds(30))
                            .header("Authorization", authorization)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            return Response.noAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
