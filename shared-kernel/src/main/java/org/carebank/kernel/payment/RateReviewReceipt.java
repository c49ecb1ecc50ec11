package org.carebank.kernel.payment;

/** The answer to {@link ReviewRates}: how many packages it uplifted, and whether it was a repeat of a recorded review. */
public record RateReviewReceipt(int packagesUplifted, boolean repeat) {}
