package org.carebank.kernel.carepackage;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PackageDeclined(String packageId, String providerId, DeclineReason reason, String note) {}
