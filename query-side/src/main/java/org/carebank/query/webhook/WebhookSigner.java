package org.carebank.query.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Carebank-Signature: sha256=<hex HMAC-SHA256 of the exact body, keyed with the subscription's secret>}. The body
 * carries {@code sentAt}, so a receiver that refuses bodies older than a few minutes is safe from replays.
 */
final class WebhookSigner {

    static final String HEADER = "Carebank-Signature";

    private WebhookSigner() {}

    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
