package org.carebank.command.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The instants and dates a command may carry: from {@code earliest} (UTC midnight) to {@code ahead} after now. Years
 * 0000 or +999999999 are typing or encoding errors, and their arithmetic overflows (a missed deadline past
 * {@code Instant.MAX} answered 500; one visit stored a missed-after of 1,455,362,278 minutes), so they are refused at
 * the edge with the field named.
 */
@ConfigurationProperties("carebank.commands.time-window")
public record TimeWindow(
        @DefaultValue("2000-01-01") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate earliest,
        @DefaultValue("10y") Period ahead) {

    public static TimeWindow defaults() {
        return new Binder().bindOrCreate("carebank.commands.time-window", TimeWindow.class);
    }

    Optional<String> problem(Instant value, Instant now) {
        Instant from = earliest.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = now.atZone(ZoneOffset.UTC).plus(ahead).toInstant();
        return value.isBefore(from) || value.isAfter(to) ? Optional.of(outside(from, to)) : Optional.empty();
    }

    Optional<String> problem(LocalDate value, Instant now) {
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC).plus(ahead);
        return value.isBefore(earliest) || value.isAfter(to) ? Optional.of(outside(earliest, to)) : Optional.empty();
    }

    private static String outside(Object from, Object to) {
        return "must be from " + from + " to " + to + " (carebank.commands.time-window)";
    }
}
