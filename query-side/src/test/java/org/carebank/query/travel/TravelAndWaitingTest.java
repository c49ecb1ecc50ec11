package org.carebank.query.travel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The split of a gap between two delivered visits into travel and waiting (domain "Travel"), at its boundaries. */
class TravelAndWaitingTest {

    @ParameterizedTest(name = "gap {0}, planned travel {1}: travel {2}")
    @CsvSource(
            nullValues = "none",
            value = {
                "30, 15, 15", // the planned travel fits: 15 travel, 15 waiting
                "15, 15, 15", // exactly: no waiting
                "14, 15, 14", // the gap was shorter: all of it was travel
                "0, 15, 0", // back to back (or overlapping, counted as 0)
                "40, none, 40", // nothing to tell travel from waiting: the whole gap counts as travel
                "40, 0, 0", // a roster that says no travel (same building): the whole gap is waiting
            })
    @DisplayName("travel is the planned travel when the gap holds it, the rest is waiting")
    void split(int gap, Integer planned, int travel) {
        assertThat(WorkerDayLegs.travelPartOf(gap, planned)).isEqualTo(travel);
        assertThat(gap - WorkerDayLegs.travelPartOf(gap, planned))
                .isEqualTo(gap - travel)
                .isNotNegative();
    }
}
