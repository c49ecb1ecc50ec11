package org.carebank.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections' pooled processors batch and share their work. The event feed's own settings under the same
 * prefix ({@code poll-interval}, {@code gathering}, {@code claim-timeout}) belong to the event store and token store,
 * which the service support module declares (ADR 0013).
 *
 * @param batchSize events handled per transaction when they are waiting (Axon's default is 1: a replay of 100,000
 *     events took about 40 s; batches of 100 share one transaction per segment, and live events are still handled as
 *     soon as they arrive)
 * @param segments the number of parts each projection's event stream is split into (by aggregate), which the instances
 *     running the query side share between them (ADR 0011). It applies when a projection's tokens are first made;
 *     change a live one's count with Axon's split and merge
 * @param claimInterval how often an instance beats its heartbeat, looks for unclaimed segments and hands back those
 *     above its share; an instance that has not beaten for two intervals no longer counts
 * @param rebuildBatchSize events per transaction when several projections are rebuilt together from one read of the
 *     store (ADR 0025): one transaction and one token write per projection for each such batch
 */
@ConfigurationProperties("carebank.projections")
record ProjectionSettings(
        @DefaultValue("100") int batchSize,
        @DefaultValue("1") int segments,
        @DefaultValue("5s") Duration claimInterval,
        @DefaultValue("1000") int rebuildBatchSize) {}
