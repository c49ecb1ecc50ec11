package org.carebank.kernel.payment;

/** What has been paid for a visit so far, over all its lines, and the last line that paid it. */
public record PaidVisit(String lastLineRef, int deliveredMinutes, int billableMinutes, long amountPence) {}
