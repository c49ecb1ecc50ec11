package org.carebank.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/** The public HTTP API as a rostering system sees it: JSON over HTTP, retrying on 429 and dropped connections. */
final class CarebankClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String POSITION = "Carebank-Position";

    record Reply(int status, JsonNode body) {

        boolean ok() {
            return status == 200 || status == 201;
        }

        String problemType() {
            String type = body.path("type").asText("");
            return type.startsWith("/problems/") ? type.substring("/problems/".length()) : type;
        }

        String outcome() {
            return body.path("outcome").asText("");
        }
    }

    private final String base;
    private final HttpClient http;
    final AtomicLong requests = new AtomicLong();
    /** The highest Carebank-Position a command answered: every write sent so far is at or before it. */
    final AtomicLong lastPosition = new AtomicLong();

    final AtomicLong throttled = new AtomicLong();

    CarebankClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String authorization, String path) {
        return send(authorization, "GET", path, null, null);
    }

    /**
     * A query that reads the writes sent so far: with the last position a command answered, the service answers once
     * the views it reads have caught up (read your own writes), with no guessing how long to sleep.
     */
    Reply getAfterWrites(String authorization, String path) {
        return send(authorization, "GET", path, null, lastPosition.get());
    }

    Reply post(String authorization, String path, Object body) {
        return send(authorization, "POST", path, body);
    }

    Reply put(String authorization, String path, Object body) {
        return send(authorization, "PUT", path, body);
    }

    /** A JSON value as text, for JSON lines. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A body that is not one JSON value (JSON lines, CSV): sent once, as is; a 429 is waited out and sent again. */
    Reply postLines(String authorization, String path, String contentType, String body) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int attempt = 0; ; attempt++) {
            try {
                requests.incrementAndGet();
                var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 429 && attempt < 50) {
                    throttled.incrementAndGet();
                    sleep(1000L
                            * response.headers().firstValueAsLong("Retry-After").orElse(1));
                    continue;
                }
                byte[] text = response.body();
                return new Reply(response.statusCode(), text.length == 0 ? MissingNode.getInstance() : parse(text));
            } catch (IOException e) {
                // The import is idempotent by visit id: sending the chunk again records only what was not recorded.
                if (attempt >= 5) {
                    throw new IllegalStateException("POST " + path + " failed: " + e, e);
                }
                sleep(1000L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Reply send(String authorization, String method, String path, Object body) {
        return send(authorization, method, path, body, null);
    }

    private Reply send(String authorization, String method, String path, Object body, Long position) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (position != null) {
            request.header(POSITION, Long.toString(position));
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                requests.incrementAndGet();
                var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 429) {
                    // The service's per-client rate limit: wait as told, then send the same request again.
                    throttled.incrementAndGet();
                    long seconds =
                            response.headers().firstValueAsLong("Retry-After").orElse(1);
                    Thread.sleep(Math.max(1, seconds) * 1000);
                    continue;
                }
                response.headers()
                        .firstValueAsLong(POSITION)
                        .ifPresent(answered -> lastPosition.accumulateAndGet(answered, Math::max));
                byte[] text = response.body();
                JsonNode json = text.length == 0 ? MissingNode.getInstance() : parse(text);
                return new Reply(response.statusCode(), json);
            } catch (IOException e) {
                last = e;
                sleep(200L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (attempt >= 5 && last != null) {
                break;
            }
        }
        throw new IllegalStateException(method + " " + path + " failed: " + last, last);
    }

    private static JsonNode parse(byte[] text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
