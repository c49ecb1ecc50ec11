package org.carebank.query.provider;

import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.TravelMode;

/** A care worker as its provider registered it. */
record WorkerView(
        String workerId, String providerId, ContractType contractType, TravelMode travelMode, int hourlyPayPence) {}
