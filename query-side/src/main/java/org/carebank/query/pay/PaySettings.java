package org.carebank.query.pay;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * @param travelPaidSeparately false (the default): pay is contact minutes at the worker's hourly pay, the rate being
 *     meant to cover travel; true: travel minutes between visits are paid at the same hourly pay on top
 * @param nationalLivingWage the National Living Wage by the date it came into force; a pay reference period is held
 *     to the rate in force on its first day
 */
@ConfigurationProperties("carebank.pay")
record PaySettings(@DefaultValue("false") boolean travelPaidSeparately, List<WageRate> nationalLivingWage) {

    record WageRate(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from, int hourlyPence) {}

    static final List<WageRate> UK_NATIONAL_LIVING_WAGE =
            List.of(new WageRate(LocalDate.of(2025, 4, 1), 1221), new WageRate(LocalDate.of(2026, 4, 1), 1271));

    PaySettings {
        nationalLivingWage = nationalLivingWage == null || nationalLivingWage.isEmpty()
                ? UK_NATIONAL_LIVING_WAGE
                : nationalLivingWage.stream()
                        .sorted(Comparator.comparing(WageRate::from))
                        .toList();
    }

    static PaySettings defaults() {
        return new Binder().bindOrCreate("carebank.pay", PaySettings.class);
    }

    /** The rate in force on the date, if the table goes back that far. */
    Optional<WageRate> nationalLivingWageOn(LocalDate date) {
        return nationalLivingWage.stream()
                .filter(rate -> !rate.from().isAfter(date))
                .reduce((earlier, later) -> later);
    }
}
