package org.carebank.kernel.timebank;

/** Minutes taken from one lot by a draw-down or a negative adjustment. */
public record LotSpend(String lotId, int minutes) {}
