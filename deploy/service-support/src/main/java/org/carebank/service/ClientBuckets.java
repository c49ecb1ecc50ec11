package org.carebank.service;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** The rate limit's token buckets, one per client: where they are kept decides who shares them. */
interface ClientBuckets {

    /** Takes one token from the client's bucket, creating a full one for a client not seen (or forgotten). */
    ConsumptionProbe tryConsume(String client);

    /** The limit every client's bucket has: {@code perMinute} tokens, refilled evenly over a minute. */
    static Bandwidth perMinute(int perMinute) {
        return Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build();
    }
}
