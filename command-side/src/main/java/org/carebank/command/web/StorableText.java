package org.carebank.command.web;

import java.util.Optional;

/**
 * Text the record can keep for good, on every store: no control characters (C0, DEL, C1), except tab, newline and
 * carriage return in free text; no unpaired surrogates (no store can encode them: the driver would silently write a
 * '?'); no non-characters (U+FDD0 to U+FDEF, U+xxFFFE, U+xxFFFF), which are never text. PostgreSQL refuses NUL in
 * text while H2 stores it, so a NUL accepted here once stopped a projection for good (issue 16).
 */
final class StorableText {

    private StorableText() {}

    /** Why the text cannot be stored, or empty when it can. Names the first offending character by code point. */
    public static Optional<String> problem(String text, boolean freeText) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNonCharacter(codePoint)) {
                    return Optional.of("contains the non-character " + name(codePoint) + ", which is not text");
                }
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate " + name(c) + ", which no store can keep");
            }
            if (Character.getType(c) == Character.CONTROL && !(freeText && isLineLayout(c))) {
                return Optional.of("contains the control character " + name(c)
                        + (isLineLayout(c)
                                ? "; only free-text fields (reasons, notes) may hold tab, newline or carriage return"
                                : ", which the record does not store"));
            }
            if (isNonCharacter(c)) {
                return Optional.of("contains the non-character " + name(c) + ", which is not text");
            }
            i++;
        }
        return Optional.empty();
    }

    private static boolean isLineLayout(char c) {
        return c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String name(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
