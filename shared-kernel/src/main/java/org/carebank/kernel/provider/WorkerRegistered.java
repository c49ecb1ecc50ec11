package org.carebank.kernel.provider;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkerRegistered(
        String providerId, String workerId, ContractType contractType, TravelMode travelMode, int hourlyPayPence) {}
