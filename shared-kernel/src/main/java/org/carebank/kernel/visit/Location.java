package org.carebank.kernel.visit;

/** A point in WGS84 degrees. Used for travel estimates; never an address. */
public record Location(double lat, double lon) {}
