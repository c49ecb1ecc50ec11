package org.carebank.query.travel;

import java.time.LocalDate;

/** One worker on one local day: the unit whose legs are recomputed. */
record WorkerDay(String workerId, LocalDate date) {}
