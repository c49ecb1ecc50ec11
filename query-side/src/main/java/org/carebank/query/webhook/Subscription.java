package org.carebank.query.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.caller.Caller;

/**
 * A webhook subscription. {@code providerId} is set when a provider made it: it then receives only that provider's
 * data. The secret is never answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Subscription(
        String subscriptionId,
        String url,
        List<String> events,
        @JsonIgnore String secret,
        String providerId,
        String createdBy,
        Instant createdAt) {

    /** A provider sees its own subscriptions; the council every one. */
    boolean visibleTo(Caller caller) {
        return caller.providerId() == null || caller.providerId().equals(providerId);
    }

    /** The same request as the one that made this subscription (a safe repeat). */
    boolean sameAs(String url, List<String> events, String secret, String providerId) {
        return this.url.equals(url)
                && this.events.equals(events)
                && this.secret.equals(secret)
                && java.util.Objects.equals(this.providerId, providerId);
    }
}
