package org.carebank.standalone.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainHash;
import org.carebank.kernel.audit.ChainSigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The export's checks at their boundaries, over a small export made here with the kernel's own chain and key. */
class ExportVerificationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final ChainSigningKey key = ChainSigningKey.generate();
    private final List<ObjectNode> events = new ArrayList<>();
    private final List<String> links = new ArrayList<>();
    private Path publicKey;

    @BeforeEach
    void fiveEvents() throws Exception {
        String previous = ChainHash.GENESIS;
        for (int i = 1; i <= 5; i++) {
            String payload = "{\"visitId\":\"v-" + i + "\",\"minutes\":" + (10 * i) + ",\"lat\":51.5}";
            var stored = new ChainHash.StoredEvent(
                    "e-" + i,
                    "visit:v-" + i,
                    0,
                    "Visit",
                    "org.carebank.kernel.visit.VisitScheduled",
                    null,
                    "2026-11-0" + i + "T09:00:00Z",
                    payload.getBytes(StandardCharsets.UTF_8),
                    "{\"principal\":\"council\"}".getBytes(StandardCharsets.UTF_8));
            previous = ChainHash.link(previous, stored);
            links.add(previous);
            ObjectNode line = JSON.createObjectNode();
            line.put("position", i);
            line.put("globalIndex", i + 10);
            line.put("eventId", stored.eventIdentifier());
            line.put("streamId", stored.aggregateIdentifier());
            line.put("aggregateType", stored.aggregateType());
            line.put("sequence", stored.sequenceNumber());
            line.put("type", stored.payloadType());
            line.putNull("revision");
            line.put("timestamp", stored.timestamp());
            line.set("payload", JSON.readTree(payload));
            line.set("metadata", JSON.readTree(stored.metaData()));
            line.put("link", previous);
            events.add(line);
        }
        publicKey = dir.resolve("key.pem");
        Files.writeString(publicKey, key.publicKeyPem());
    }

    @Test
    @DisplayName("an untouched export signed at position 4 verifies, with one event after the checkpoint unsigned")
    void untouchedExportVerifies() throws Exception {
        var verified = verify(export(events), checkpoint(4, links.get(3)));
        assertThat(verified.headPosition()).isEqualTo(5);
        assertThat(verified.headLink()).isEqualTo(links.get(4));
        assertThat(verified.newestCheckpoint().position()).isEqualTo(4);
        assertThat(verified.unsignedEvents()).isEqualTo(1);
    }

    @Test
    @DisplayName("a payload changed by one character: LINK_MISMATCH at that position")
    void changedPayload() throws Exception {
        ((ObjectNode) events.get(2).get("payload")).put("minutes", 31);
        assertRefused(export(events), checkpoint(4, links.get(3)), "LINK_MISMATCH", 3);
    }

    @Test
    @DisplayName("an event left out: POSITION_GAP at the missing position; a file not from position 1 is refused too")
    void missingEvent() throws Exception {
        var without = new ArrayList<>(events);
        without.remove(1);
        assertRefused(export(without), checkpoint(4, links.get(3)), "POSITION_GAP", 2);
        assertRefused(export(events.subList(1, 5)), checkpoint(4, links.get(3)), "POSITION_GAP", 1);
    }

    @Test
    @DisplayName("the history rewritten and relinked from position 2: REWRITTEN_BEFORE_CHECKPOINT at the checkpoint")
    void relinkedHistory() throws Exception {
        var signed = checkpoint(4, links.get(3));
        ((ObjectNode) events.get(1).get("payload")).put("minutes", 500);
        String previous = links.get(0);
        for (int i = 1; i < 5; i++) {
            ObjectNode line = events.get(i);
            var parsed = ExportedEvent.parse(JSON, i + 1, line.toString());
            previous = ChainHash.link(previous, parsed.stored());
            line.put("link", previous);
        }
        assertRefused(export(events), signed, "REWRITTEN_BEFORE_CHECKPOINT", 4);
    }

    @Test
    @DisplayName("a checkpoint signed by another key, or with a field changed: CHECKPOINT_SIGNATURE_INVALID")
    void forgedCheckpoint() throws Exception {
        var other = ChainCheckpoint.sign(ChainSigningKey.generate(), 4, links.get(3), Instant.now());
        assertRefused(export(events), write(other), "CHECKPOINT_SIGNATURE_INVALID", 4);
        var genuine = ChainCheckpoint.sign(key, 4, links.get(3), Instant.now());
        var moved = new ChainCheckpoint(3, links.get(2), genuine.keyId(), genuine.signedAt(), genuine.signature());
        assertRefused(export(events), write(moved), "CHECKPOINT_SIGNATURE_INVALID", 3);
    }

    @Test
    @DisplayName("an export cut short of a signed position: EXPORT_ENDS_BEFORE_CHECKPOINT")
    void truncatedExport() throws Exception {
        assertRefused(export(events.subList(0, 3)), checkpoint(4, links.get(3)), "EXPORT_ENDS_BEFORE_CHECKPOINT", 4);
    }

    private ExportVerification.Verified verify(Path export, Path checkpoints) throws Exception {
        var trusted = TrustedCheckpoints.load(publicKey, List.of(checkpoints));
        return new ExportVerification(trusted, new PrintStream(new ByteArrayOutputStream()))
                .verify(new ExportFile(export));
    }

    private void assertRefused(Path export, Path checkpoints, String reason, long position) {
        assertThatThrownBy(() -> verify(export, checkpoints))
                .isInstanceOfSatisfying(ExportVerification.Refused.class, refused -> {
                    assertThat(refused.broken().reason()).isEqualTo(reason);
                    assertThat(refused.broken().position()).isEqualTo(position);
                    assertThat(refused.getMessage()).contains(reason + " at position " + position);
                });
    }

    private Path export(List<ObjectNode> lines) throws Exception {
        Path file = Files.createTempFile(dir, "export", ".ndjson");
        Files.write(file, lines.stream().map(ObjectNode::toString).toList());
        return file;
    }

    /** The checkpoint as GET /audit/verify answers it: in checkpoints.newest. */
    private Path checkpoint(long position, String link) throws Exception {
        return write(ChainCheckpoint.sign(key, position, link, Instant.parse("2026-11-05T00:00:00Z")));
    }

    private Path write(ChainCheckpoint checkpoint) throws Exception {
        ObjectNode verify = JSON.createObjectNode();
        verify.put("valid", true);
        verify.putObject("checkpoints").set("newest", JSON.valueToTree(checkpoint));
        Path file = Files.createTempFile(dir, "verify", ".json");
        Files.writeString(file, verify.toString());
        return file;
    }
}
