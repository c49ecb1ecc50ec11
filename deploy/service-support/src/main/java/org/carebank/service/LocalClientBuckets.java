package org.carebank.service;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buckets in this process's memory: the embedded H2 store serves one process, so there is no replica to share with.
 * At most {@code maxClients} are kept; past that the bucket used least recently is forgotten, never all of them (a
 * flood of made-up addresses then cannot reset the limit of a client that is busy now). A forgotten client starts
 * again with a full bucket, which after a minute of silence it would have had anyway.
 */
final class LocalClientBuckets implements ClientBuckets {

    private final Bandwidth limit;
    private final Map<String, Bucket> buckets;

    LocalClientBuckets(Bandwidth limit, int maxClients) {
        this.limit = limit;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    @Override
    public ConsumptionProbe tryConsume(String client) {
        Bucket bucket;
        // A map in access order changes on every get: one short lock, the bucket itself is thread-safe.
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(
                    client, key -> Bucket.builder().addLimit(limit).build());
        }
        return bucket.tryConsumeAndReturnRemaining(1);
    }

    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
