package org.carebank.kernel.carepackage;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record HandBackPackage(@TargetAggregateIdentifier String packageId, String reason, LocalDate effectiveOn) {}
