package org.carebank.kernel.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A signed statement "the chain's link at this position is this" (ADR 0005). What is signed, with Ed25519, is the
 * UTF-8 text
 *
 * <pre>
 * carebank-chain-checkpoint/1\n{position}\n{link}\n{keyId}\n{signedAt}
 * </pre>
 *
 * ({@code signedAt} as ISO-8601 UTC, as stored), so an auditor's own tool needs only the public key and this line to
 * check a checkpoint. The signature is base64 (standard alphabet, padded).
 */
public record ChainCheckpoint(long position, String link, String keyId, String signedAt, String signature) {

    static final String FORMAT = "carebank-chain-checkpoint/1";

    /** The signed text, for those who check a signature with their own tools. */
    public static final String SIGNED_CONTENT = FORMAT + "\\n{position}\\n{link}\\n{keyId}\\n{signedAt}";

    public static ChainCheckpoint sign(ChainSigningKey key, long position, String link, Instant signedAt) {
        String at = signedAt.toString();
        try {
            var signer = Signature.getInstance(ChainSigningKey.ALGORITHM);
            signer.initSign(key.privateKey());
            signer.update(signedContent(position, link, key.keyId(), at));
            return new ChainCheckpoint(
                    position, link, key.keyId(), at, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a chain checkpoint with key " + key.keyId(), e);
        }
    }

    public static byte[] signedContent(long position, String link, String keyId, String signedAt) {
        return (FORMAT + "\n" + position + "\n" + link + "\n" + keyId + "\n" + signedAt)
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedContent() {
        return signedContent(position, link, keyId, signedAt);
    }

    /**
     * Whether this checkpoint was signed by that key's holder, as stored. Anything malformed (a signature that is not
     * base64 or not 64 bytes, a time that is not an instant) is simply not a valid signature: the row is in a table a
     * database administrator can write.
     */
    public boolean signedBy(PublicKey publicKey) {
        if (signature == null || link == null || keyId == null || signedAt == null) {
            return false;
        }
        try {
            Instant.parse(signedAt);
            var verifier = Signature.getInstance(ChainSigningKey.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(signedContent());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | DateTimeParseException | GeneralSecurityException e) {
            return false;
        }
    }
}
