package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The provider completed the action plan on {@code completedOn}; {@code late} when that was after its due date. */
@Revision("1")
public record ActionPlanCompleted(String providerId, String planId, LocalDate completedOn, boolean late) {}
