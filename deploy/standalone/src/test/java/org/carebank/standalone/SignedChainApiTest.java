package org.carebank.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainHash;
import org.carebank.kernel.audit.ChainSigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The signed chain (ADR 0005) against someone with write access to the database: the rewrite (a stored
 * TimeBankAdjusted changed from 5 to 500 minutes, every later link recomputed with the published algorithm), forged
 * and deleted checkpoints, and the anchors an auditor keeps. A service of its own, on a database of its own, signing
 * every 5 links, so the tampering never reaches the other tests' store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedChainApiTest {

    private static final int EVERY = 5;

    private RunningService service;
    private JdbcClient jdbc;

    @BeforeAll
    void start() {
        service = RunningService.start("signed_chain", "--carebank.audit.signing.checkpoint-every=" + EVERY);
        jdbc = service.bean(JdbcClient.class);
        var council = service.as("council");
        assertThat(council.post(
                                "/api/v1/providers",
                                ApiTestSupport.admission("alpha-care", ApiTestSupport.cqc("GOOD", "GOOD")))
                        .status())
                .isIn(200, 201);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    @DisplayName("a stored adjustment changed 5 -> 500 and every later link recomputed: REWRITTEN_BEFORE_CHECKPOINT")
    void rewriteWithRecomputedLinksIsFound() {
        String clientRef = ApiTestSupport.unique("C");
        adjust(clientRef, 5);
        for (int i = 0; i < EVERY; i++) {
            adjust(clientRef, 1); // so a checkpoint is signed after the adjustment
        }
        awaitSigned();
        JsonNode newest = verification("").path("checkpoints").path("newest");
        String anchor =
                newest.path("position").asLong() + ":" + newest.path("link").asString();
        assertThat(verification("?anchor=" + anchor)
                        .path("anchors")
                        .get(0)
                        .path("found")
                        .asBoolean())
                .isTrue();

        String eventId = jdbc.sql(
                        """
                        SELECT eventidentifier FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype LIKE '%TimeBankAdjusted' ORDER BY sequencenumber
                        FETCH FIRST 1 ROWS ONLY""")
                .param(StreamIds.timeBank(clientRef))
                .query(String.class)
                .single();
        long rewrittenAt = jdbc.sql("SELECT chain_position FROM event_chain WHERE event_identifier = ?")
                .param(eventId)
                .query(Long.class)
                .single();
        var payloads = new StoredPayloads(jdbc);
        byte[] original = payloads.read(eventId);
        String forged = new String(original, UTF_8).replace("\"minutes\":5,", "\"minutes\":500,");
        assertThat(forged).isNotEqualTo(new String(original, UTF_8));
        var originalLinks = links(rewrittenAt);
        try {
            payloads.overwrite(eventId, forged.getBytes(UTF_8));
            recomputeLinksFrom(rewrittenAt);

            var verification = verification("?anchor=" + anchor);

            assertThat(verification.path("valid").asBoolean())
                    .as(verification.toString())
                    .isFalse();
            var broken = verification.path("firstBrokenAt");
            assertThat(broken.path("reason").asString()).isEqualTo("REWRITTEN_BEFORE_CHECKPOINT");
            long firstCheckpointAfter = jdbc.sql(
                            "SELECT MIN(chain_position) FROM event_chain_checkpoint WHERE chain_position >= ?")
                    .param(rewrittenAt)
                    .query(Long.class)
                    .single();
            assertThat(broken.path("position").asLong()).isEqualTo(firstCheckpointAfter);
            assertThat(verification.path("anchors").get(0).path("found").asBoolean())
                    .isFalse();
        } finally {
            payloads.overwrite(eventId, original);
            originalLinks.forEach(this::setLink);
            setHeadLink(originalLinks.get(originalLinks.size() - 1));
        }
        assertThat(verification("?anchor=" + anchor).path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a checkpoint signed with another key, or altered, is CHECKPOINT_SIGNATURE_INVALID at its position")
    void forgedCheckpointIsFound() {
        history(2 * EVERY + 2);
        long newest = awaitSigned();
        long position = newest - 1; // between two genuine checkpoints, where the writer signs nothing itself
        String link = linkAt(position);
        String serviceKeyId = verification("").path("checkpoints").path("keyId").asString();
        var attacker = ChainSigningKey.generate();
        // The attacker claims the service's key id; the signature is still theirs.
        var forged = ChainCheckpoint.sign(
                new ChainSigningKey(serviceKeyId, attacker.privateKey(), attacker.publicKey()),
                position,
                link,
                java.time.Instant.now());
        jdbc.sql(
                        """
                        INSERT INTO event_chain_checkpoint (chain_position, link, key_id, signed_at, signature)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(position, link, forged.keyId(), forged.signedAt(), forged.signature())
                .update();
        try {
            var broken = verification("").path("firstBrokenAt");
            assertThat(broken.path("reason").asString()).isEqualTo("CHECKPOINT_SIGNATURE_INVALID");
            assertThat(broken.path("position").asLong()).isEqualTo(position);
        } finally {
            jdbc.sql("DELETE FROM event_chain_checkpoint WHERE chain_position = ?")
                    .param(position)
                    .update();
        }

        // A genuine checkpoint with its time moved: the signature no longer matches what is stored.
        long genuine = newest - EVERY;
        String signedAt = jdbc.sql("SELECT signed_at FROM event_chain_checkpoint WHERE chain_position = ?")
                .param(genuine)
                .query(String.class)
                .single();
        jdbc.sql("UPDATE event_chain_checkpoint SET signed_at = ? WHERE chain_position = ?")
                .params("2020-01-01T00:00:00Z", genuine)
                .update();
        try {
            var broken = verification("").path("firstBrokenAt");
            assertThat(broken.path("reason").asString()).isEqualTo("CHECKPOINT_SIGNATURE_INVALID");
            assertThat(broken.path("position").asLong()).isEqualTo(genuine);
        } finally {
            jdbc.sql("UPDATE event_chain_checkpoint SET signed_at = ? WHERE chain_position = ?")
                    .params(signedAt, genuine)
                    .update();
        }
        assertThat(verification("").path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a checkpoint deleted between two others is CHECKPOINT_MISSING at its position")
    void deletedCheckpointIsFound() {
        history(2 * EVERY + 1);
        long deleted = awaitSigned() - EVERY;
        var row = jdbc.sql("SELECT * FROM event_chain_checkpoint WHERE chain_position = ?")
                .param(deleted)
                .query()
                .singleRow();
        jdbc.sql("DELETE FROM event_chain_checkpoint WHERE chain_position = ?")
                .param(deleted)
                .update();
        try {
            var broken = verification("").path("firstBrokenAt");
            assertThat(broken.path("reason").asString()).isEqualTo("CHECKPOINT_MISSING");
            assertThat(broken.path("position").asLong()).isEqualTo(deleted);
        } finally {
            jdbc.sql(
                            """
                            INSERT INTO event_chain_checkpoint (chain_position, link, key_id, signed_at, signature)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(deleted, row.get("link"), row.get("key_id"), row.get("signed_at"), row.get("signature"))
                    .update();
        }
        assertThat(verification("").path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("the published public key verifies a checkpoint with the JDK alone")
    void publishedKeyVerifiesACheckpoint() throws Exception {
        history(EVERY);
        awaitSigned();
        var checkpoint = verification("").path("checkpoints").path("newest");
        var keys = service.as("auditor").get("/api/v1/audit/signing-keys");
        assertThat(keys.status()).as(keys.text()).isEqualTo(200);
        var key = keys.json().path("keys").get(0);
        assertThat(key.path("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(key.path("keyId").asString())
                .isEqualTo(checkpoint.path("keyId").asString());

        // What an auditor's own tool does: the documented text, the public key, java.security and nothing else.
        var publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.path("publicKey").asString())));
        String signedText =
                "carebank-chain-checkpoint/1\n" + checkpoint.path("position").asLong() + "\n"
                        + checkpoint.path("link").asString() + "\n"
                        + checkpoint.path("keyId").asString() + "\n"
                        + checkpoint.path("signedAt").asString();
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(signedText.getBytes(UTF_8));
        assertThat(verifier.verify(
                        Base64.getDecoder().decode(checkpoint.path("signature").asString())))
                .isTrue();
        assertThat(checkpoint.path("link").asString())
                .isEqualTo(linkAt(checkpoint.path("position").asLong()));

        verifier.initVerify(publicKey);
        verifier.update(signedText
                .replace("\n" + checkpoint.path("link").asString(), "\n" + ChainHash.GENESIS)
                .getBytes(UTF_8));
        assertThat(verifier.verify(
                        Base64.getDecoder().decode(checkpoint.path("signature").asString())))
                .as("the signature covers the link")
                .isFalse();
    }

    @Test
    @DisplayName("hostile anchors: 400 problem+json malformed-anchor, no 5xx, nothing in the log; unknown ones missing")
    void hostileAnchors() {
        history(2);
        String hex = "ab".repeat(32);
        var hostile = List.of(
                "abc",
                "0:" + hex,
                "-1:" + hex,
                "1:" + hex.substring(1),
                "1:" + hex + "0",
                "1:" + hex.replace('a', 'z'),
                "99999999999999999999:" + hex,
                "1:" + hex + ":1",
                "1;" + hex,
                " :" + hex,
                "1:" + hex.substring(2) + "\u0000\u0000",
                "१:" + hex,
                "1:" + "é".repeat(64));
        var auditor = service.as("auditor");
        try (var log = CapturedLog.open()) {
            for (String anchor : hostile) {
                var response = auditor.get("/api/v1/audit/verify?anchor=" + URLEncoder.encode(anchor, UTF_8));
                assertThat(response.status())
                        .as(anchor + " -> " + response.text())
                        .isEqualTo(400);
                assertThat(response.isProblem()).as(response.contentType()).isTrue();
                assertThat(response.problemType()).isEqualTo("/problems/malformed-anchor");
                assertThat(response.json().path("parameter").asString()).isEqualTo("anchor");
            }
            // Well formed but never part of this history: found false, and the answer is not valid.
            var verification = verification("?anchor=1:" + hex + "&anchor=999999999:" + hex);
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("firstBrokenAt").path("reason").asString())
                    .isEqualTo("ANCHOR_NOT_FOUND");
            assertThat(verification.path("anchors")).hasSize(2);
            verification.path("anchors").forEach(a -> assertThat(a.path("found").asBoolean())
                    .isFalse());
            assertThat(log.errorsAndStackTraces()).isEmpty();
        }
    }

    // ---- helpers ----

    private void history(int events) {
        String clientRef = ApiTestSupport.unique("C");
        for (int i = 0; i < events; i++) {
            adjust(clientRef, 1);
        }
    }

    private void adjust(String clientRef, int minutes) {
        var response = service.as("council")
                .post(
                        "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                        Map.of(
                                "adjustmentId",
                                ApiTestSupport.unique("adj"),
                                "minutes",
                                minutes,
                                "reason",
                                "carried over from the paper ledger"));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    /** Waits until every multiple of the interval up to the head is signed; returns the newest checkpoint. */
    private long awaitSigned() {
        long head = jdbc.sql("SELECT chain_position FROM event_chain_head WHERE id = 1")
                .query(Long.class)
                .single();
        long due = head - head % EVERY;
        long[] newest = {0};
        ApiTestSupport.eventually(() -> {
            newest[0] = jdbc.sql("SELECT COALESCE(MAX(chain_position), 0) FROM event_chain_checkpoint")
                    .query(Long.class)
                    .single();
            assertThat(newest[0]).isGreaterThanOrEqualTo(due);
        });
        return newest[0];
    }

    private JsonNode verification(String query) {
        var response = service.as("auditor").get("/api/v1/audit/verify" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private record Link(long position, String link) {}

    private List<Link> links(long from) {
        return jdbc.sql(
                        "SELECT chain_position, link FROM event_chain WHERE chain_position >= ? ORDER BY chain_position")
                .param(from)
                .query((rs, n) -> new Link(rs.getLong(1), rs.getString(2)))
                .list();
    }

    private String linkAt(long position) {
        return jdbc.sql("SELECT link FROM event_chain WHERE chain_position = ?")
                .param(position)
                .query(String.class)
                .single();
    }

    /** What the attacker does: every link from there on recomputed with the published algorithm, head included. */
    private void recomputeLinksFrom(long position) {
        String previous = position == 1 ? ChainHash.GENESIS : linkAt(position - 1);
        var events = jdbc.sql(
                        """
                        SELECT c.chain_position, e.eventidentifier, e.aggregateidentifier, e.sequencenumber, e.type,
                          e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata
                        FROM event_chain c JOIN domainevententry e ON e.eventidentifier = c.event_identifier
                        WHERE c.chain_position >= ? ORDER BY c.chain_position""")
                .param(position)
                .query((rs, n) -> Map.entry(
                        rs.getLong(1),
                        new ChainHash.StoredEvent(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getBytes(9),
                                rs.getBytes(10))))
                .list();
        var rewritten = new ArrayList<Link>();
        for (var event : events) {
            previous = ChainHash.link(previous, event.getValue());
            rewritten.add(new Link(event.getKey(), previous));
        }
        rewritten.forEach(this::setLink);
        setHeadLink(rewritten.get(rewritten.size() - 1));
    }

    private void setLink(Link link) {
        jdbc.sql("UPDATE event_chain SET link = ? WHERE chain_position = ?")
                .params(link.link(), link.position())
                .update();
    }

    private void setHeadLink(Link head) {
        jdbc.sql("UPDATE event_chain_head SET link = ? WHERE id = 1 AND chain_position = ?")
                .params(head.link(), head.position())
                .update();
    }
}
