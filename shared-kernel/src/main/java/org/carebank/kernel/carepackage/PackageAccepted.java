package org.carebank.kernel.carepackage;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PackageAccepted(String packageId, String providerId, String clientRef) {}
