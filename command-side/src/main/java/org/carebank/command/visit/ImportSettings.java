package org.carebank.command.visit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a history import is cut into units of work. The largest body accepted is {@code carebank.max-import-size}
 * (RequestSizeLimitFilter).
 *
 * @param chunkSize lines recorded per unit of work: one append and one commit for each chunk (ADR 0008)
 */
@ConfigurationProperties("carebank.imports")
record ImportSettings(@DefaultValue("250") int chunkSize) {}
