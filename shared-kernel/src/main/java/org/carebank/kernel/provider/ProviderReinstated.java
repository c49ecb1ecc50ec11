package org.carebank.kernel.provider;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProviderReinstated(String providerId, CqcRating overall, CqcRating wellLed, CqcRating minimumRating) {}
