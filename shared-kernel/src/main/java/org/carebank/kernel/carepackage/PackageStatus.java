package org.carebank.kernel.carepackage;

public enum PackageStatus {
    COMMISSIONED,
    OFFERED,
    ACTIVE,
    HANDED_BACK
}
