package org.carebank.kernel.alert;

public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
