package org.carebank.kernel.carepackage;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PackageHandedBack(String packageId, String providerId, String reason, LocalDate effectiveOn) {}
