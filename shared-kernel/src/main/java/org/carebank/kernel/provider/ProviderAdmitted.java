package org.carebank.kernel.provider;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The provider joined the approved list; {@code minimumRating} is the rule it was measured against. */
@Revision("1")
public record ProviderAdmitted(
        String providerId, String name, List<String> zones, CqcRatings cqc, CqcRating minimumRating) {}
