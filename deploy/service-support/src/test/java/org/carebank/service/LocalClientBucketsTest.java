package org.carebank.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalClientBucketsTest {

    @Test
    @DisplayName("a client gets exactly its limit; the next request is refused with the wait until a token is back")
    void limitPerClient() {
        var buckets = new LocalClientBuckets(ClientBuckets.perMinute(3), 10);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryConsume("caller:a").isConsumed()).isTrue();
        }
        var refused = buckets.tryConsume("caller:a");
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill()).isPositive();
        assertThat(buckets.tryConsume("caller:b").isConsumed())
                .as("another client has its own bucket")
                .isTrue();
    }

    @Test
    @DisplayName("past the bound only the least recently used client is forgotten: a busy client keeps its count")
    void boundForgetsTheLeastRecentOnly() {
        var buckets = new LocalClientBuckets(ClientBuckets.perMinute(2), 3);
        buckets.tryConsume("busy");
        buckets.tryConsume("busy");
        assertThat(buckets.tryConsume("busy").isConsumed()).isFalse();
        for (int i = 0; i < 10; i++) {
            buckets.tryConsume("flood-" + i);
            assertThat(buckets.tryConsume("busy").isConsumed())
                    .as("made-up clients do not reset the busy one's limit")
                    .isFalse();
            assertThat(buckets.size()).isLessThanOrEqualTo(3);
        }
        assertThat(buckets.size()).as("at the bound, not cleared").isEqualTo(3);
    }
}
