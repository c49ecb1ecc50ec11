package org.carebank.command.visit;

import org.carebank.kernel.payment.DeliveryChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a delivered visit carries an exception (domain, "Verification"): delivered more than {@code
 * overPlanToleranceMinutes} over plan, or checked in further than {@code farFromClientMetres} from the visit's
 * location. Decided once at delivery and recorded in {@code DeliveryVerified}, so a change of setting never re-judges
 * an earlier visit.
 */
@ConfigurationProperties("carebank.verification")
record VerificationSettings(
        @DefaultValue("15") int overPlanToleranceMinutes, @DefaultValue("250") int farFromClientMetres) {

    static VerificationSettings defaults() {
        return new Binder().bindOrCreate("carebank.verification", VerificationSettings.class);
    }

    DeliveryChecks checks() {
        return new DeliveryChecks(overPlanToleranceMinutes, farFromClientMetres);
    }
}
