package org.carebank.kernel.provider;

public enum TravelMode {
    WALK,
    CYCLE,
    CAR,
    PUBLIC_TRANSPORT
}
