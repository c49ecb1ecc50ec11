package org.carebank.query.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.ListStatus;

/**
 * One provider as the query side answers it: its zones, its place on the approved list and its latest CQC ratings.
 * {@link ProviderFold} makes it from the provider's events, for the live view and for answers as of a past instant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProviderView(
        String providerId,
        String name,
        List<String> zones,
        ListStatus status,
        Cqc cqc,
        Instant admittedAt,
        Instant statusChangedAt) {

    record Cqc(
            CqcRating overall,
            CqcRating safe,
            CqcRating effective,
            CqcRating caring,
            CqcRating responsive,
            CqcRating wellLed,
            LocalDate inspectedOn) {

        static Cqc of(CqcRatings ratings) {
            return new Cqc(
                    ratings.overall(),
                    ratings.safe(),
                    ratings.effective(),
                    ratings.caring(),
                    ratings.responsive(),
                    ratings.wellLed(),
                    ratings.inspectedOn());
        }
    }
}
