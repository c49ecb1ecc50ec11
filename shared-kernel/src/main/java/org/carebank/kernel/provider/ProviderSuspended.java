package org.carebank.kernel.provider;

import org.axonframework.serialization.Revision;

/** New ratings put the provider below the list's minimum: no new packages or visits until reinstated. */
@Revision("1")
public record ProviderSuspended(String providerId, CqcRating overall, CqcRating wellLed, CqcRating minimumRating) {}
