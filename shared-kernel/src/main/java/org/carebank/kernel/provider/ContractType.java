package org.carebank.kernel.provider;

public enum ContractType {
    ZERO_HOURS,
    GUARANTEED_HOURS
}
