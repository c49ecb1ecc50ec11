package org.carebank.query.webhook;

import static org.carebank.query.web.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The webhook tables: subscriptions, the outbox of deliveries and the log of attempts (ADR 0018). No rule here. */
@Component
class WebhookTables {

    enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    /** One queued notification for one subscription. */
    record Delivery(
            long seq,
            String deliveryId,
            String subscriptionId,
            String eventType,
            String orderingKey,
            Instant occurredAt,
            String data,
            Status status,
            int attempts,
            Instant nextAttemptAt,
            Instant createdAt) {}

    /** One line of a subscription's delivery log, as the contract answers it. */
    record LogLine(String deliveryId, String event, int attempt, String status, Integer httpStatus, Instant at) {}

    private final JdbcClient jdbc;

    WebhookTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- subscriptions ----

    Optional<Subscription> subscription(String subscriptionId) {
        return jdbc.sql("SELECT * FROM webhook_subscription WHERE subscription_id = ?")
                .param(subscriptionId)
                .query(WebhookTables::subscription)
                .optional();
    }

    /** The subscriptions to this type of event that may receive the provider's data, made before it happened. */
    List<Subscription> subscribers(String eventType, String providerId, Instant occurredAt) {
        return jdbc
                .sql("SELECT * FROM webhook_subscription WHERE (provider_id IS NULL OR provider_id = ?)"
                        + " AND created_at <= ? ORDER BY subscription_id")
                .params(providerId, ts(occurredAt))
                .query(WebhookTables::subscription)
                .list()
                .stream()
                .filter(subscription -> subscription.events().contains(eventType))
                .toList();
    }

    void insert(Subscription subscription) {
        jdbc.sql("INSERT INTO webhook_subscription (subscription_id, url, events, secret, provider_id, created_by,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        subscription.subscriptionId(),
                        subscription.url(),
                        String.join(",", subscription.events()),
                        subscription.secret(),
                        subscription.providerId(),
                        subscription.createdBy(),
                        ts(subscription.createdAt()))
                .update();
    }

    // ---- the outbox ----

    boolean queued(String deliveryId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE delivery_id = ?")
                        .param(deliveryId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void queue(
            String deliveryId,
            Subscription to,
            Notification notification,
            Instant occurredAt,
            String data,
            Instant now) {
        jdbc.sql(
                        "INSERT INTO webhook_delivery (delivery_id, subscription_id, event_type, ordering_key, occurred_at, data,"
                                + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")
                .params(
                        deliveryId,
                        to.subscriptionId(),
                        notification.type(),
                        notification.orderingKey(),
                        ts(occurredAt),
                        data,
                        ts(now),
                        ts(now))
                .update();
    }

    /**
     * Deliveries due now, each the oldest still pending of its subscription and visit: a later one waits for the
     * earlier one to be delivered or to fail, so a receiver sees a visit's events in order.
     */
    List<Delivery> due(Instant now, int limit) {
        return jdbc
                .sql(
                        """
                        SELECT * FROM webhook_delivery d WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.subscription_id = d.subscription_id
                            AND e.ordering_key = d.ordering_key AND e.status = 'PENDING' AND e.seq < d.seq)
                        ORDER BY d.next_attempt_at, d.seq""")
                .param(ts(now))
                .query(WebhookTables::delivery)
                .list()
                .stream()
                .limit(limit)
                .toList();
    }

    /** Takes the delivery for {@code until} (another instance skips it meanwhile); false when another took it first. */
    boolean lease(Delivery delivery, Instant until) {
        return jdbc.sql("UPDATE webhook_delivery SET next_attempt_at = ? WHERE seq = ? AND status = 'PENDING'"
                                + " AND next_attempt_at = ?")
                        .params(ts(until), delivery.seq(), ts(delivery.nextAttemptAt()))
                        .update()
                == 1;
    }

    /** Records an attempt and its effect: delivered, failed for good, or due again at {@code nextAttemptAt}. */
    void attempted(
            Delivery delivery, int attempt, Status result, Integer httpStatus, String error, Instant at, Instant next) {
        jdbc.sql("INSERT INTO webhook_attempt (delivery_id, attempt, status, http_status, error, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        delivery.deliveryId(),
                        attempt,
                        result == Status.PENDING ? "RETRY" : result.name(),
                        httpStatus,
                        error,
                        ts(at))
                .update();
        jdbc.sql("UPDATE webhook_delivery SET status = ?, attempts = ?, next_attempt_at = ?, finished_at = ?"
                        + " WHERE seq = ?")
                .params(
                        result.name(),
                        attempt,
                        ts(next == null ? at : next),
                        result == Status.PENDING ? null : ts(at),
                        delivery.seq())
                .update();
    }

    /** Every attempt for the subscription, and each delivery not yet attempted (attempt 0, PENDING), in order. */
    List<LogLine> log(String subscriptionId, int limit) {
        return jdbc
                .sql(
                        """
                        SELECT d.delivery_id, d.event_type, a.attempt, a.status, a.http_status, a.at, d.seq
                          FROM webhook_delivery d JOIN webhook_attempt a ON a.delivery_id = d.delivery_id
                          WHERE d.subscription_id = ?
                        UNION ALL
                        SELECT d.delivery_id, d.event_type, 0, 'PENDING', NULL, d.created_at, d.seq
                          FROM webhook_delivery d WHERE d.subscription_id = ? AND d.attempts = 0
                        ORDER BY seq, attempt""")
                .params(subscriptionId, subscriptionId)
                .query((rs, n) -> new LogLine(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        Sql.nullableInt(rs, "http_status"),
                        Sql.instant(rs, "at")))
                .list()
                .stream()
                .limit(limit)
                .toList();
    }

    long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'PENDING'")
                .query(Long.class)
                .single();
    }

    private static Subscription subscription(ResultSet rs, int n) throws SQLException {
        return new Subscription(
                rs.getString("subscription_id"),
                rs.getString("url"),
                Arrays.asList(rs.getString("events").split(",")),
                rs.getString("secret"),
                rs.getString("provider_id"),
                rs.getString("created_by"),
                Sql.instant(rs, "created_at"));
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        return new Delivery(
                rs.getLong("seq"),
                rs.getString("delivery_id"),
                rs.getString("subscription_id"),
                rs.getString("event_type"),
                rs.getString("ordering_key"),
                Sql.instant(rs, "occurred_at"),
                rs.getString("data"),
                Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"),
                Sql.instant(rs, "created_at"));
    }
}
