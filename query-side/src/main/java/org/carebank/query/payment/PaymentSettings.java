package org.carebank.query.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.carebank.kernel.payment.PaymentDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query side's reading of the payment calendar ({@code carebank.payments.time-zone}, the same setting the command
 * side's {@code PaymentCalendar} reads): a visit's planned date is its planned start's date in this zone.
 */
@ConfigurationProperties("carebank.payments")
record PaymentSettings(@DefaultValue(PaymentDefaults.TIME_ZONE) ZoneId timeZone) {

    LocalDate dateOf(Instant instant) {
        return instant.atZone(timeZone).toLocalDate();
    }
}
