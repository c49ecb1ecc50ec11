package org.carebank.query.audit;

import java.util.Base64;
import java.util.List;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainSigningKey;

/** What {@code GET /api/v1/audit/signing-keys} answers: the public half of each key that signs checkpoints. */
record SigningKeys(List<PublicSigningKey> keys) {

    /** {@code publicKey}: X.509 SubjectPublicKeyInfo, base64; {@code publicKeyPem}: the same as PEM text. */
    record PublicSigningKey(
            String keyId, String algorithm, String publicKey, String publicKeyPem, String signedContent) {

        static PublicSigningKey of(ChainSigningKey key) {
            return new PublicSigningKey(
                    key.keyId(),
                    ChainSigningKey.ALGORITHM,
                    Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                    key.publicKeyPem(),
                    ChainCheckpoint.SIGNED_CONTENT);
        }
    }
}
