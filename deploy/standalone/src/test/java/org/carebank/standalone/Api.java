package org.carebank.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the tests: what a rostering system or a dashboard would send, as one user. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Response(int status, String contentType, String text, java.net.http.HttpHeaders headers) {

        Response(int status, String contentType, String text) {
            this(status, contentType, text, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        }

        /** A header of the answer, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(text);
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        String problemType() {
            return json().path("type").asString();
        }
    }

    private final String base;
    private final String authorization;

    Api(int port, String user) {
        this.base = "http://localhost:" + port;
        this.authorization = user == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response get(String path, String accept) {
        return send(request(path).GET().header("Accept", accept));
    }

    /** A query sent with the headers given, e.g. {@code Carebank-Position} to read one's own writes. */
    Response get(String path, java.util.Map<String, String> headers) {
        var request = request(path).GET();
        headers.forEach(request::header);
        return send(request);
    }

    Response send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Response post(String path, Object body) {
        return send(request(path).POST(bodyOf(body)).header("Content-Type", "application/json"));
    }

    Response postWithKey(String path, Object body, String idempotencyKey) {
        return send(request(path)
                .POST(bodyOf(body))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey));
    }

    /** A POST with one more header, as a rostering system sends its {@code traceparent}. */
    Response postWithHeader(String path, Object body, String header, String value) {
        return send(request(path)
                .POST(bodyOf(body))
                .header("Content-Type", "application/json")
                .header(header, value));
    }

    Response put(String path, Object body) {
        return send(request(path).PUT(bodyOf(body)).header("Content-Type", "application/json"));
    }

    Response postRaw(String path, String contentType, String body) {
        return send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
    }

    Response putRaw(String path, String contentType, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
