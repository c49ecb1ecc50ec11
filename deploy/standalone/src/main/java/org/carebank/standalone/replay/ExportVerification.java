package org.carebank.standalone.replay;

import java.io.PrintStream;
import java.util.Map;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainHash;

/**
 * Recomputes the hash chain over an export (ADR 0005's recipe, {@link ChainHash}, the service's one implementation)
 * and checks it against the signed checkpoints, streaming: one event in memory at a time. It stops at the first
 * position that does not hold, since nothing after it can be trusted either, and names it with the service's own
 * finding names where one applies.
 */
final class ExportVerification {

    /** What an auditor reads when a check fails: the first bad position and why. */
    record Broken(Long position, String reason, String detail) {
        String message() {
            return "export refused: " + reason + (position == null ? "" : " at position " + position) + ": " + detail;
        }
    }

    /** The whole export held: its events, its head, and how much of it the newest checkpoint vouches for. */
    record Verified(long events, long headPosition, String headLink, ChainCheckpoint newestCheckpoint) {
        long unsignedEvents() {
            return headPosition - (newestCheckpoint == null ? 0 : newestCheckpoint.position());
        }
    }

    static final class Refused extends Exception {
        private final transient Broken broken;

        Refused(Broken broken) {
            super(broken.message());
            this.broken = broken;
        }

        Broken broken() {
            return broken;
        }
    }

    private final TrustedCheckpoints checkpoints;
    private final Progress progress;

    ExportVerification(TrustedCheckpoints checkpoints, PrintStream err) {
        this.checkpoints = checkpoints;
        this.progress = new Progress(err, "verified");
    }

    Verified verify(ExportFile export) throws Exception {
        for (ChainCheckpoint checkpoint : checkpoints.byPosition().values()) {
            if (!checkpoints.signedByTrustedKey(checkpoint)) {
                throw new Refused(new Broken(
                        checkpoint.position(),
                        "CHECKPOINT_SIGNATURE_INVALID",
                        "the checkpoint is not signed by key " + checkpoints.keyId() + " (it names key "
                                + checkpoint.keyId() + "), or a signed field was changed"));
            }
        }
        long[] expected = {1};
        String[] previous = {ChainHash.GENESIS};
        try {
            export.forEach(event -> {
                if (event.position() != expected[0]) {
                    throw new Refused(new Broken(
                            expected[0],
                            "POSITION_GAP",
                            expected[0] == 1
                                    ? "the export starts at position " + event.position()
                                            + "; a replay needs the whole history (export with after=0)"
                                    : "the next event in the file is at position " + event.position()));
                }
                String link = ChainHash.link(previous[0], event.stored());
                if (!link.equals(event.link())) {
                    throw new Refused(new Broken(
                            event.position(),
                            "LINK_MISMATCH",
                            "event " + event.stored().eventIdentifier() + " ("
                                    + event.stored().aggregateIdentifier()
                                    + " #" + event.stored().sequenceNumber() + ") does not hash to its link: the"
                                    + " event or its link was changed"));
                }
                ChainCheckpoint signed = checkpoints.byPosition().get(event.position());
                if (signed != null && !signed.link().equals(link)) {
                    throw new Refused(new Broken(
                            event.position(),
                            "REWRITTEN_BEFORE_CHECKPOINT",
                            "the link here is not the one signed at " + signed.signedAt()
                                    + ": the history up to this position was rewritten"));
                }
                previous[0] = link;
                expected[0]++;
                progress.tick();
            });
        } catch (ExportedEvent.MalformedLine e) {
            throw new Refused(new Broken(expected[0], "MALFORMED_EVENT", e.getMessage()));
        }
        long head = expected[0] - 1;
        Map.Entry<Long, ChainCheckpoint> beyond = checkpoints.byPosition().higherEntry(head);
        if (beyond != null) {
            throw new Refused(new Broken(
                    beyond.getKey(),
                    "EXPORT_ENDS_BEFORE_CHECKPOINT",
                    "the export ends at position " + head + " but a checkpoint signs position " + beyond.getKey()
                            + ": signed history is missing from the file"));
        }
        progress.done();
        var newest = checkpoints.byPosition().floorEntry(head);
        return new Verified(head, head, previous[0], newest == null ? null : newest.getValue());
    }
}
