package org.carebank.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The signer/verifier boundary: what a checkpoint's signature covers, and what is never taken for a valid one. */
class ChainCheckpointTest {

    private static final ChainSigningKey KEY = ChainSigningKey.generate();
    private static final String LINK = "ab".repeat(32);
    private static final Instant AT = Instant.parse("2026-12-01T21:00:00.123Z");

    private final ChainCheckpoint signed = ChainCheckpoint.sign(KEY, 1000, LINK, AT);

    @Test
    @DisplayName("a checkpoint verifies with the signer's public key, and with no other key")
    void verifiesWithItsKeyOnly() {
        assertThat(signed.signedBy(KEY.publicKey())).isTrue();
        assertThat(signed.keyId()).isEqualTo(KEY.keyId()).matches("[0-9a-f]{16}");
        assertThat(signed.signedAt()).isEqualTo("2026-12-01T21:00:00.123Z");
        assertThat(signed.signedBy(ChainSigningKey.generate().publicKey())).isFalse();
    }

    @Test
    @DisplayName("each signed field is covered: position, link, key id and time")
    void everyFieldIsCovered() {
        var key = KEY.publicKey();
        assertThat(with(signed.position() + 1, signed.link(), signed.keyId(), signed.signedAt())
                        .signedBy(key))
                .isFalse();
        assertThat(with(signed.position(), "cd".repeat(32), signed.keyId(), signed.signedAt())
                        .signedBy(key))
                .isFalse();
        assertThat(with(signed.position(), signed.link(), "0123456789abcdef", signed.signedAt())
                        .signedBy(key))
                .isFalse();
        assertThat(with(signed.position(), signed.link(), signed.keyId(), "2026-12-01T21:00:00.124Z")
                        .signedBy(key))
                .isFalse();
    }

    @Test
    @DisplayName("a malformed row (not base64, a short signature, no time, nulls) is invalid, never an exception")
    void malformedIsInvalid() {
        var key = KEY.publicKey();
        assertThat(withSignature("not base64 !!").signedBy(key)).isFalse();
        assertThat(withSignature(Base64.getEncoder().encodeToString(new byte[10]))
                        .signedBy(key))
                .isFalse();
        assertThat(withSignature(Base64.getEncoder().encodeToString(new byte[64]))
                        .signedBy(key))
                .isFalse();
        assertThat(withSignature("").signedBy(key)).isFalse();
        assertThat(withSignature(null).signedBy(key)).isFalse();
        assertThat(with(signed.position(), null, signed.keyId(), signed.signedAt())
                        .signedBy(key))
                .isFalse();
        assertThat(with(signed.position(), signed.link(), signed.keyId(), "yesterday")
                        .signedBy(key))
                .isFalse();
    }

    @Test
    @DisplayName("the signed text is the published one")
    void signedTextIsPublished() {
        assertThat(new String(signed.signedContent(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("carebank-chain-checkpoint/1\n1000\n" + LINK + "\n" + KEY.keyId()
                        + "\n2026-12-01T21:00:00.123Z");
    }

    @Test
    @DisplayName("a key survives its PEM form; a PEM with one block, or blocks of two pairs, is refused")
    void pemRoundTripAndRefusals() {
        var read = ChainSigningKey.fromPem(KEY.toPem());
        assertThat(read.keyId()).isEqualTo(KEY.keyId());
        assertThat(ChainCheckpoint.sign(read, 7, LINK, AT).signedBy(KEY.publicKey()))
                .isTrue();
        assertThat(read.toString()).doesNotContain("PRIVATE");

        assertThatThrownBy(() -> ChainSigningKey.fromPem(KEY.publicKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRIVATE KEY");
        String privatePart = KEY.toPem().substring(0, KEY.toPem().indexOf("-----BEGIN PUBLIC KEY-----"));
        assertThatThrownBy(() -> ChainSigningKey.fromPem(
                        privatePart + ChainSigningKey.generate().publicKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one Ed25519 pair");
        assertThatThrownBy(() -> ChainSigningKey.fromPem(
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" + KEY.publicKeyPem()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the checkpoint interval: multiples of N from N on")
    void interval() {
        var every = new CheckpointInterval(1000, java.time.Duration.ofSeconds(1));
        assertThat(every.isCheckpointPosition(0)).isFalse();
        assertThat(every.isCheckpointPosition(999)).isFalse();
        assertThat(every.isCheckpointPosition(1000)).isTrue();
        assertThat(every.isCheckpointPosition(2000)).isTrue();
        assertThatThrownBy(() -> new CheckpointInterval(0, java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ChainCheckpoint with(long position, String link, String keyId, String signedAt) {
        return new ChainCheckpoint(position, link, keyId, signedAt, signed.signature());
    }

    private ChainCheckpoint withSignature(String signature) {
        return new ChainCheckpoint(signed.position(), signed.link(), signed.keyId(), signed.signedAt(), signature);
    }
}
