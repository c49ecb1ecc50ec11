package org.carebank.kernel.provider;

import java.time.LocalDate;

/** A CQC inspection result: the overall rating and one per key question. */
public record CqcRatings(
        CqcRating overall,
        CqcRating safe,
        CqcRating effective,
        CqcRating caring,
        CqcRating responsive,
        CqcRating wellLed,
        LocalDate inspectedOn) {}
