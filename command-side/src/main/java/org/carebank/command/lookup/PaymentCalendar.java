package org.carebank.command.lookup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.carebank.kernel.payment.PaymentDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The council's calendar for payment: a visit's planned date (which picks its rate and rule in force, and its
 * statement period) is the date of its planned start in this zone. The query side reads the same setting.
 */
@ConfigurationProperties("carebank.payments")
record PaymentCalendar(@DefaultValue(PaymentDefaults.TIME_ZONE) ZoneId timeZone) {

    static PaymentCalendar london() {
        return new PaymentCalendar(ZoneId.of("Europe/London"));
    }

    LocalDate dateOf(Instant instant) {
        return instant.atZone(timeZone).toLocalDate();
    }
}
