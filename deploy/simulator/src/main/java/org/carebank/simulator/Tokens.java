package org.carebank.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens for the simulated providers' rostering systems, signed like the standalone service's
 * {@code mint-token} command (HS256 with the local secret, claims {@code sub}, {@code roles}, {@code provider_id}).
 * Each provider gets its own client, so each has its own rate-limit bucket and its own name in the events' metadata.
 * Only for a local service whose secret the simulator is given ({@code --jwt-secret}, default the documented local one).
 */
final class Tokens {

    static final String LOCAL_SECRET = "local-development-secret-replace-me-0123456789";
    static final String LOCAL_ISSUER = "carebank-local";

    private Tokens() {}

    static String providerToken(String secret, String issuer, String client, String providerId) {
        var claims = new LinkedHashMap<String, Object>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", issuer);
        claims.put("sub", client);
        claims.put("iat", now);
        claims.put("exp", now + 12 * 3600);
        claims.put("roles", List.of("PROVIDER"));
        claims.put("provider_id", providerId);
        try {
            String header = encode("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
            String payload = encode(CarebankClient.JSON.writeValueAsBytes(claims));
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = encode(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
            return "Bearer " + header + "." + payload + "." + signature;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
