package org.carebank.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections hear of events and hold their segments: the event store's and token store's half of
 * {@code carebank.projections} (the processors' half, batch size, segments and claim interval, is the query side's
 * {@code ProjectionSettings}; ADR 0013).
 *
 * @param pollInterval embedded event store only: how often a projection looks for events another node committed on the
 *     same database (Axon Server tells its clients instead)
 * @param gathering embedded event store only: a projection hears of this node's commits this long after the first of
 *     them, with those that follow meanwhile; longer means fewer, larger projection transactions and a longer lag
 * @param claimTimeout a segment whose owner has not extended its claim for this long is taken over by another
 *     instance, so a crashed instance's segments move after at most this plus one claim interval (ADR 0011)
 */
@ConfigurationProperties("carebank.projections")
record EventFeedSettings(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("50ms") Duration gathering,
        @DefaultValue("10s") Duration claimTimeout) {}
