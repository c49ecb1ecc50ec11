package org.carebank.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandledPositionsTest {

    @Test
    @DisplayName("a gap-aware token has handled an index at or below its own, unless that index is still a gap")
    void gapAwareTokens() {
        var token = GapAwareTrackingToken.newInstance(10, Set.of(7L));
        assertThat(HandledPositions.handled(token, 10)).isTrue();
        assertThat(HandledPositions.handled(token, 9)).isTrue();
        assertThat(HandledPositions.handled(token, 11)).as("one past it").isFalse();
        assertThat(HandledPositions.handled(token, 7))
                .as("a transaction not yet committed when it passed")
                .isFalse();
    }

    @Test
    @DisplayName("Axon Server's tokens compare by index; no token has handled nothing")
    void globalSequenceTokensAndNone() {
        assertThat(HandledPositions.handled(new GlobalSequenceTrackingToken(5), 5))
                .isTrue();
        assertThat(HandledPositions.handled(new GlobalSequenceTrackingToken(5), 6))
                .isFalse();
        assertThat(HandledPositions.handled(null, 0)).isFalse();
    }

    @Test
    @DisplayName("a replaying token counts where its replay has got to, not where it will end")
    void replayTokens() {
        var replay = ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(100, Set.of()), GapAwareTrackingToken.newInstance(40, Set.of()));
        assertThat(HandledPositions.handled(replay, 40)).isTrue();
        assertThat(HandledPositions.handled(replay, 41)).isFalse();
    }
}
