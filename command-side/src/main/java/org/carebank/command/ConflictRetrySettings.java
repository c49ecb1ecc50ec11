package org.carebank.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a command that lost an append race to another node is retried (ADR 0012).
 *
 * @param conflictRetries how many times a conflicting command is sent again before the conflict reaches the caller as
 *     409 (0: never)
 * @param conflictRetryIntervalMs the pause before the first retry, in milliseconds; it doubles at each further retry
 */
@ConfigurationProperties("carebank.commands")
record ConflictRetrySettings(
        @DefaultValue("3") int conflictRetries, @DefaultValue("20") long conflictRetryIntervalMs) {}
