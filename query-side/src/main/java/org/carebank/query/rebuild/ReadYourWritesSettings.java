package org.carebank.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a query sent with {@code Carebank-Position} waits for its projections (ADR 0020).
 *
 * @param maxWait the longest a query waits for the projections it reads to handle the position it names before it
 *     answers {@code 503 projection-behind}; they usually follow within milliseconds
 * @param pollInterval how often the projections' tokens are read while waiting
 */
@ConfigurationProperties("carebank.read-your-writes")
record ReadYourWritesSettings(@DefaultValue("5s") Duration maxWait, @DefaultValue("20ms") Duration pollInterval) {}
