package org.carebank.kernel.provider;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The provider joined the approved list; {@code minimumRating} and {@code minimumWellLed} are the rules its overall and
 * well-led ratings were measured against.
 *
 * <p>Revision 2 added {@code minimumWellLed}, so the event names the rule for each key question it was judged on.
 * Revision 1 applied {@code minimumRating} to both, which {@link ProviderAdmittedUpcaster} writes out for old events.
 */
@Revision("2")
public record ProviderAdmitted(
        String providerId,
        String name,
        List<String> zones,
        CqcRatings cqc,
        CqcRating minimumRating,
        CqcRating minimumWellLed) {

    /** One minimum for overall and well-led, as the approved list has today. */
    public ProviderAdmitted(
            String providerId, String name, List<String> zones, CqcRatings cqc, CqcRating minimumRating) {
        this(providerId, name, zones, cqc, minimumRating, minimumRating);
    }
}
