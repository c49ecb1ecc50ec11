package org.carebank.query.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carebank.kernel.serialization.EventJson;
import org.carebank.query.web.Sql;
import org.carebank.query.webhook.WebhookTables.Delivery;
import org.carebank.query.webhook.WebhookTables.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox: every poll interval it takes the due deliveries (the oldest pending one per subscription and visit,
 * so each visit's events arrive in order), leases each so another instance leaves it alone, POSTs it with the JDK's
 * HTTP client (no redirects followed), and records the attempt. A 2xx is delivered; anything else, or no answer, is
 * retried by {@link RetrySchedule} until the retry period ends, then FAILED. A crash between the POST and the record
 * sends it again after the lease: delivery is at least once, and {@code Carebank-Delivery} lets a receiver skip repeats.
 * Database writes run in transactions outside the HTTP call (ADR 0014's one-writer lock on H2, ADR 0018).
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;

    private final WebhookTables tables;
    private final WebhookSettings settings;
    private final UrlAllowList allowList;
    private final RetrySchedule retries;
    private final TransactionTemplate transactions;
    private final HttpClient http;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final AtomicLong backlog = new AtomicLong();
    private volatile ScheduledExecutorService poller;

    WebhookDispatcher(
            WebhookTables tables, WebhookSettings settings, TransactionTemplate transactions, MeterRegistry meters) {
        this.tables = tables;
        this.settings = settings;
        this.allowList = new UrlAllowList(settings);
        this.retries =
                new RetrySchedule(settings, () -> ThreadLocalRandom.current().nextDouble());
        this.transactions = transactions;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.delivered = counter(meters, "delivered");
        this.retried = counter(meters, "retried");
        this.failed = counter(meters, "failed");
        Gauge.builder("carebank.webhook.backlog", backlog, AtomicLong::get)
                .description("Webhook deliveries pending (queued or waiting for a retry)")
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("carebank.webhook.attempts")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** One round: what is due now, sent one after another. Public to the package for tests. */
    void sendDue() {
        Instant now = Instant.now();
        for (Delivery delivery : tables.due(now, BATCH)) {
            Boolean leased = transactions.execute(tx -> tables.lease(delivery, now.plus(settings.lease())));
            if (Boolean.TRUE.equals(leased)) {
                send(delivery);
            }
        }
        backlog.set(tables.backlog());
    }

    private void send(Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        Integer httpStatus = null;
        String error = null;
        var subscription = tables.subscription(delivery.subscriptionId());
        if (subscription.isEmpty()) {
            record(delivery, attempt, null, "subscription removed", true);
            return;
        }
        String url = subscription.get().url();
        if (!allowList.allows(url)) {
            record(delivery, attempt, null, "URL no longer on the allow-list", true);
            return;
        }
        try {
            byte[] body = body(delivery);
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("Carebank-Delivery", delivery.deliveryId())
                    .header("Carebank-Event", delivery.eventType())
                    .header(
                            WebhookSigner.HEADER,
                            WebhookSigner.signature(subscription.get().secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            httpStatus =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the lease runs out and the delivery is sent again
        }
        record(delivery, attempt, httpStatus, error, false);
    }

    private void record(Delivery delivery, int attempt, Integer httpStatus, String error, boolean hopeless) {
        Instant at = Instant.now();
        boolean ok = httpStatus != null && httpStatus / 100 == 2;
        Instant next = ok || hopeless ? null : retries.nextAttempt(delivery.createdAt(), at, attempt);
        Status result = ok ? Status.DELIVERED : next == null ? Status.FAILED : Status.PENDING;
        String shortError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        transactions.executeWithoutResult(
                tx -> tables.attempted(delivery, attempt, result, httpStatus, shortError, at, next));
        (ok ? delivered : result == Status.FAILED ? failed : retried).increment();
        if (result == Status.FAILED) {
            log.warn(
                    "Webhook delivery {} failed for good after {} attempts (last: {})",
                    delivery.deliveryId(),
                    attempt,
                    httpStatus != null ? "HTTP " + httpStatus : shortError);
        }
    }

    /** The exact bytes sent and signed: the delivery, the event's data and the moment of sending (against replay). */
    private static byte[] body(Delivery delivery) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("deliveryId", delivery.deliveryId());
        body.put("event", delivery.eventType());
        body.put("occurredAt", delivery.occurredAt().toString());
        body.put("sentAt", Sql.stored(Instant.now()).toString());
        body.put("data", EventJson.objectMapper().readTree(delivery.data()));
        return EventJson.objectMapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        if (!settings.sending()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::sendDueSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void sendDueSafely() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Webhook round failed; the next poll tries again", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = poller;
        if (running != null) {
            running.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
