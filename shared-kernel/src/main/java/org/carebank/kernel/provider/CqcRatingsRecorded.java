package org.carebank.kernel.provider;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CqcRatingsRecorded(String providerId, CqcRatings cqc) {}
