package org.carebank.kernel.provider;

/** Qualifications and training the Ethical Care Charter and the council ask about (seed 003: the Care Certificate). */
public enum QualificationKind {
    CARE_CERTIFICATE,
    LEVEL_2_DIPLOMA,
    LEVEL_3_DIPLOMA,
    MEDICATION,
    MOVING_AND_HANDLING,
    OTHER
}
