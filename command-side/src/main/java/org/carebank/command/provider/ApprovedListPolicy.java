package org.carebank.command.provider;

import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The approved list's entry rule: CQC overall and well-led at least {@code minimumRating} (GOOD by default). */
@ConfigurationProperties("carebank.approved-list")
public record ApprovedListPolicy(@DefaultValue("GOOD") CqcRating minimumRating) {

    public static ApprovedListPolicy defaults() {
        return new Binder().bindOrCreate("carebank.approved-list", ApprovedListPolicy.class);
    }

    boolean admits(CqcRatings cqc) {
        return cqc.overall().isAtLeast(minimumRating) && cqc.wellLed().isAtLeast(minimumWellLed());
    }

    /** Well-led is measured against the same minimum today; events record it apart (ProviderAdmitted revision 2). */
    CqcRating minimumWellLed() {
        return minimumRating;
    }
}
