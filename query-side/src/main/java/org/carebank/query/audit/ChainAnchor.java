package org.carebank.query.audit;

import java.util.Locale;
import java.util.regex.Pattern;
import org.carebank.query.web.BadRequestException;

/**
 * A link an auditor noted down earlier ({@code <position>:<link>}, e.g. a verification's {@code headPosition} and
 * {@code headLink}, or a signed checkpoint): a later verification says whether the history still contains it (ADR
 * 0005).
 */
record ChainAnchor(long position, String link) {

    static final String TYPE = "malformed-anchor";
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,17}):([0-9a-fA-F]{64})");

    static ChainAnchor parse(String text) {
        var match = text == null ? null : FORM.matcher(text.trim());
        if (match == null || !match.matches()) {
            throw new BadRequestException(
                    TYPE,
                    "anchor",
                    "An anchor is <position>:<link>, a chain position from 1 and the 64 hex digits of its link, as"
                            + " /api/v1/audit/verify gives them (headPosition, headLink).");
        }
        return new ChainAnchor(Long.parseLong(match.group(1)), match.group(2).toLowerCase(Locale.ROOT));
    }
}
