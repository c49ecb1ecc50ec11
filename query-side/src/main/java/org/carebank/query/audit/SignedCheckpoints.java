package org.carebank.query.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainSigningKey;
import org.carebank.kernel.audit.CheckpointInterval;
import org.carebank.query.audit.ChainVerifier.Finding;

/**
 * Judges the signed checkpoints and the auditor's anchors against the chain as {@link ChainVerifier} streams it, link
 * by link (ADR 0005). The checkpoints are few (one per {@code checkpoint-every} events), so they are held in memory.
 */
final class SignedCheckpoints {

    record AnchorResult(long position, String link, boolean found) {}

    private final NavigableMap<Long, ChainCheckpoint> checkpoints;
    private final ChainSigningKey key;
    private final CheckpointInterval interval;
    private final Map<Long, List<ChainAnchor>> anchorsByPosition = new HashMap<>();
    private final Map<ChainAnchor, Boolean> anchorsFound = new java.util.LinkedHashMap<>();
    private final long newest;

    SignedCheckpoints(
            NavigableMap<Long, ChainCheckpoint> checkpoints,
            ChainSigningKey key,
            CheckpointInterval interval,
            List<ChainAnchor> anchors) {
        this.checkpoints = checkpoints;
        this.key = key;
        this.interval = interval;
        this.newest = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
        for (ChainAnchor anchor : anchors) {
            anchorsByPosition
                    .computeIfAbsent(anchor.position(), p -> new ArrayList<>())
                    .add(anchor);
            anchorsFound.put(anchor, false);
        }
    }

    /**
     * What the checkpoint at this position (if any) says about the stored link there: signed by someone else, or the
     * link was rewritten after it was signed. A position that should carry a checkpoint but does not, below the newest
     * checkpoint, is a deleted checkpoint.
     */
    Finding at(long position, String storedLink) {
        for (ChainAnchor anchor : anchorsByPosition.getOrDefault(position, List.of())) {
            anchorsFound.put(anchor, anchor.link().equals(storedLink));
        }
        ChainCheckpoint checkpoint = checkpoints.get(position);
        if (checkpoint == null) {
            return interval.isCheckpointPosition(position) && position < newest ? Finding.CHECKPOINT_MISSING : null;
        }
        if (!key.keyId().equals(checkpoint.keyId()) || !checkpoint.signedBy(key.publicKey())) {
            return Finding.CHECKPOINT_SIGNATURE_INVALID;
        }
        return checkpoint.link().equals(storedLink) ? null : Finding.REWRITTEN_BEFORE_CHECKPOINT;
    }

    /** The first checkpoint beyond the chain's last link: links it signed were removed. */
    Long beyond(long lastPosition) {
        return checkpoints.higherKey(lastPosition);
    }

    /** The first anchor the history no longer contains. */
    AnchorResult firstMissingAnchor() {
        return anchors().stream().filter(a -> !a.found()).findFirst().orElse(null);
    }

    List<AnchorResult> anchors() {
        return anchorsFound.entrySet().stream()
                .map(e -> new AnchorResult(e.getKey().position(), e.getKey().link(), e.getValue()))
                .toList();
    }

    int count() {
        return checkpoints.size();
    }

    ChainCheckpoint newest() {
        return checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
    }
}
