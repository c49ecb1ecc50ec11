package org.carebank.query.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.query.web.NotFoundException;
import org.carebank.query.webhook.WebhookTables.LogLine;
import org.carebank.web.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscriptions and their delivery logs (ADR 0018). The council subscribes to every provider's events; a
 * provider's subscription is bound to its own provider and receives only its own data. Another caller's subscription
 * is unknown (404).
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    private final WebhookTables tables;
    private final UrlAllowList allowList;
    private final TransactionTemplate transactions;

    WebhookController(WebhookTables tables, WebhookSettings settings, TransactionTemplate transactions) {
        this.tables = tables;
        this.allowList = new UrlAllowList(settings);
        this.transactions = transactions;
    }

    record SubscriptionRequest(
            @NotNull @Pattern(regexp = Ids.PATTERN) String subscriptionId,
            @NotNull @Size(max = 2000) @Pattern(regexp = "[\\x21-\\x7E]+") String url,
            @NotEmpty @Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z]+\\.[a-z]+") String> events,
            @NotNull @Size(min = 16, max = 200) @Pattern(regexp = "[\\x21-\\x7E]+") String secret) {}

    @PostMapping
    @Operation(
            summary = "Subscribe a URL to events: alert.raised, alert.escalated, alert.resolved, visit.missed,"
                    + " amendment.requested, statement.issued",
            description = "Each delivery is a POST signed Carebank-Signature: sha256=<hex HMAC-SHA256 of the body with"
                    + " the secret>, with a Carebank-Delivery id; retried with backoff until a 2xx. The URL's host"
                    + " must be on carebank.webhooks.allowed-hosts.")
    @ApiResponse(responseCode = "201", description = "subscribed")
    @ApiResponse(responseCode = "200", description = "the same subscription again")
    @ApiResponse(responseCode = "409", description = "webhook-id-reused: the id is taken by another subscription")
    @ApiResponse(responseCode = "422", description = "webhook-url-not-allowed, unknown-webhook-event")
    ResponseEntity<Subscription> subscribe(@Valid @RequestBody SubscriptionRequest body) {
        Caller caller = Callers.current();
        allowList.require(body.url());
        for (String event : body.events()) {
            if (!WebhookEvents.TYPES.contains(event)) {
                throw Refusal.rule(
                                "unknown-webhook-event",
                                "No event " + event + "; the events are " + WebhookEvents.TYPES + ".")
                        .exception();
            }
        }
        List<String> events = body.events().stream().distinct().sorted().toList();
        var subscription = new Subscription(
                body.subscriptionId(),
                body.url(),
                events,
                body.secret(),
                caller.providerId(),
                caller.principal(),
                Instant.now());
        return transactions.execute(tx -> {
            var existing = tables.subscription(body.subscriptionId());
            if (existing.isPresent()) {
                if (existing.get().sameAs(body.url(), events, body.secret(), caller.providerId())) {
                    return ResponseEntity.ok(existing.get());
                }
                throw Refusal.conflict(
                                "webhook-id-reused",
                                "Subscription " + body.subscriptionId() + " exists with other settings.")
                        .exception();
            }
            tables.insert(subscription);
            return ResponseEntity.status(HttpStatus.CREATED).body(subscription);
        });
    }

    @GetMapping("/{subscriptionId}")
    @Operation(summary = "One subscription (its secret is never answered)")
    Subscription subscription(@PathVariable @Pattern(regexp = Ids.PATTERN) String subscriptionId) {
        return visible(subscriptionId);
    }

    @GetMapping("/{subscriptionId}/deliveries")
    @Operation(
            summary = "The subscription's delivery log, oldest first: one line per attempt (status DELIVERED, RETRY or"
                    + " FAILED, with the receiver's HTTP status), and attempt 0 PENDING for a delivery not yet tried")
    List<LogLine> deliveries(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String subscriptionId,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        visible(subscriptionId);
        return tables.log(subscriptionId, limit);
    }

    private Subscription visible(String subscriptionId) {
        Caller caller = Callers.current();
        return tables.subscription(subscriptionId)
                .filter(subscription -> subscription.visibleTo(caller))
                .orElseThrow(() -> new NotFoundException("unknown-webhook", "No subscription " + subscriptionId + "."));
    }
}
