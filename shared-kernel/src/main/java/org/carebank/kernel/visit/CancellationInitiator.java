package org.carebank.kernel.visit;

public enum CancellationInitiator {
    CLIENT,
    PROVIDER,
    COUNCIL
}
