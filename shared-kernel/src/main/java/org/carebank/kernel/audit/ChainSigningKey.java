package org.carebank.kernel.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 key pair that signs the hash chain's checkpoints (ADR 0005). Kept outside the database, as PEM text: a
 * {@code PRIVATE KEY} block (PKCS#8) and a {@code PUBLIC KEY} block (X.509), because the JDK cannot derive an Ed25519
 * public key from the private one. The key id is the first 16 hex digits of SHA-256 over the public key's X.509
 * encoding, so anyone holding the public key computes the same id.
 */
public record ChainSigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {

    public static final String ALGORITHM = "Ed25519";

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    public static ChainSigningKey generate() {
        try {
            var pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new ChainSigningKey(keyIdOf(pair.getPublic()), pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ runtime has Ed25519", e);
        }
    }

    /** Reads the two PEM blocks {@link #toPem()} writes; refuses text without both or with a key of another kind. */
    public static ChainSigningKey fromPem(String pem) {
        byte[] privateBytes = null;
        byte[] publicBytes = null;
        Matcher blocks = PEM_BLOCK.matcher(pem);
        while (blocks.find()) {
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(2).replaceAll("\\s", ""));
            if (blocks.group(1).equals("PRIVATE KEY")) {
                privateBytes = der;
            } else {
                publicBytes = der;
            }
        }
        if (privateBytes == null || publicBytes == null) {
            throw new IllegalArgumentException(
                    "a chain signing key needs both a PRIVATE KEY and a PUBLIC KEY PEM block (Ed25519)");
        }
        try {
            var keys = KeyFactory.getInstance(ALGORITHM);
            PublicKey publicKey = publicKey(publicBytes);
            var key = new ChainSigningKey(
                    keyIdOf(publicKey), keys.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)), publicKey);
            // A private and a public block from two different pairs would sign checkpoints nobody can verify.
            var probe = ChainCheckpoint.sign(key, 1, ChainHash.GENESIS, java.time.Instant.EPOCH);
            if (!probe.signedBy(key.publicKey())) {
                throw new IllegalArgumentException("the PRIVATE KEY and PUBLIC KEY blocks are not one Ed25519 pair");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** An Ed25519 public key from its X.509 (SubjectPublicKeyInfo) encoding, as the signing-keys endpoint gives it. */
    public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
    }

    public static String keyIdOf(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public String toPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded()) + publicKeyPem();
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String kind, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----\n";
    }

    @Override
    public String toString() {
        // Never the private key, whatever logs this.
        return "ChainSigningKey[" + keyId + "]";
    }
}
