package org.carebank.kernel.carepackage;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PackageOffered(String packageId, String providerId) {}
