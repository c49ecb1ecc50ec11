package org.carebank.standalone.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainSigningKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed checkpoints an export is checked against, and the public key that must have signed them. The export
 * carries neither: both come from files the audit API already serves, fetched (and best kept) by the auditor, so the
 * published contract of the export stays one event a line. A checkpoint file is {@code GET /api/v1/audit/verify}'s
 * answer (its {@code checkpoints.newest}), one checkpoint object, or an array of them; the key file is a PEM
 * {@code PUBLIC KEY} block or {@code GET /api/v1/audit/signing-keys}'s answer. The chain is cumulative, so one
 * checkpoint vouches for every link up to its position.
 */
final class TrustedCheckpoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PUBLIC_PEM =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private final PublicKey key;
    private final String keyId;
    private final TreeMap<Long, ChainCheckpoint> byPosition;

    private TrustedCheckpoints(PublicKey key, TreeMap<Long, ChainCheckpoint> byPosition) {
        this.key = key;
        this.keyId = key == null ? null : ChainSigningKey.keyIdOf(key);
        this.byPosition = byPosition;
    }

    /** No checkpoint at all: the chain then proves consistency only (asked for with --unsigned). */
    static TrustedCheckpoints none() {
        return new TrustedCheckpoints(null, new TreeMap<>());
    }

    static TrustedCheckpoints load(Path publicKeyFile, List<Path> checkpointFiles) throws IOException {
        var checkpoints = new TreeMap<Long, ChainCheckpoint>();
        for (Path file : checkpointFiles) {
            for (ChainCheckpoint checkpoint : checkpointsIn(file)) {
                checkpoints.put(checkpoint.position(), checkpoint);
            }
        }
        return new TrustedCheckpoints(publicKey(publicKeyFile), checkpoints);
    }

    String keyId() {
        return keyId;
    }

    TreeMap<Long, ChainCheckpoint> byPosition() {
        return byPosition;
    }

    /** Whether the checkpoint was signed by the trusted key, every signed field as given. */
    boolean signedByTrustedKey(ChainCheckpoint checkpoint) {
        return key != null && keyId.equals(checkpoint.keyId()) && checkpoint.signedBy(key);
    }

    private static List<ChainCheckpoint> checkpointsIn(Path file) throws IOException {
        JsonNode root = readJson(file);
        JsonNode newest = root.path("checkpoints").path("newest");
        var found = new ArrayList<ChainCheckpoint>();
        if (!newest.isMissingNode() && !newest.isNull()) {
            found.add(checkpoint(file, newest));
        } else if (root.isArray()) {
            for (JsonNode item : root) {
                found.add(checkpoint(file, item));
            }
        } else if (root.has("signature")) {
            found.add(checkpoint(file, root));
        }
        if (found.isEmpty()) {
            throw new IOException(file + " holds no signed checkpoint (expected the verify answer's checkpoints.newest,"
                    + " a checkpoint or an array of them)");
        }
        return found;
    }

    private static ChainCheckpoint checkpoint(Path file, JsonNode node) throws IOException {
        if (!node.path("position").isNumber()) {
            throw new IOException(file + ": a checkpoint without a position");
        }
        return new ChainCheckpoint(
                node.path("position").asLong(),
                node.path("link").asString(null),
                node.path("keyId").asString(null),
                node.path("signedAt").asString(null),
                node.path("signature").asString(null));
    }

    private static PublicKey publicKey(Path file) throws IOException {
        String text = Files.readString(file);
        byte[] x509;
        var pem = PUBLIC_PEM.matcher(text);
        if (pem.find()) {
            x509 = Base64.getMimeDecoder().decode(pem.group(1).replaceAll("\\s", ""));
        } else {
            JsonNode keys = readJson(file).path("keys");
            if (keys.size() != 1 || !keys.get(0).path("publicKey").isString()) {
                throw new IOException(
                        file + " holds neither a PEM PUBLIC KEY block nor the signing-keys answer with" + " one key");
            }
            x509 = Base64.getDecoder().decode(keys.get(0).path("publicKey").asString());
        }
        try {
            return ChainSigningKey.publicKey(x509);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not JSON: " + e.getMessage(), e);
        }
    }
}
