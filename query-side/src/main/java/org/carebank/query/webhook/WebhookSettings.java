package org.carebank.query.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery (ADR 0018). {@code allowedHosts} is the allow-list a subscription's URL host must be on, so the
 * service cannot be made to call hosts inside the council's network (SSRF): loopback only by default, for the demo.
 * A failed attempt is retried after {@code initialBackoff}, doubling up to {@code maxBackoff}, each delay with random
 * jitter (50-100%), until {@code retryFor} after the delivery was queued; then it is marked FAILED.
 */
@ConfigurationProperties("carebank.webhooks")
record WebhookSettings(
        @DefaultValue({"127.0.0.1", "localhost", "[::1]"}) List<String> allowedHosts,
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("true") boolean sending) {}
