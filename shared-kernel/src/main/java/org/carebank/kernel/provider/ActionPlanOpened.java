package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An action plan is open for the provider, due by {@code dueBy}; {@code overall} is the CQC rating that called for it. */
@Revision("1")
public record ActionPlanOpened(
        String providerId, String planId, String reason, LocalDate dueBy, LocalDate openedOn, CqcRating overall) {}
