package org.carebank.query.carepackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.accepted;
import static org.carebank.query.testing.CareEvents.commissioned;
import static org.carebank.query.testing.CareEvents.declined;
import static org.carebank.query.testing.CareEvents.offered;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.NovemberAtSunrise;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live package view against a real database, on PostgreSQL and on H2: what it stores (packages and offers) for a
 * history equals the fold of the same history, whether a package's events come in one batch or in many.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class PackageProjectionTest {

    @Parameter
    TestDatabase.Kind database;

    private PackageTable table;
    private EventFeed feed;

    @BeforeEach
    void emptyView() {
        JdbcClient jdbc = TestDatabase.shared(database);
        table = new PackageTable(jdbc);
        feed = new EventFeed(new PackageProjection(table, TestDatabase.batchedWrites(jdbc)));
        feed.reset();
    }

    private Map<String, PackageView> folded() {
        var ids = new TreeSet<String>();
        feed.history().forEach(message -> {
            String id = PackageFold.packageIdOf(message.getPayload());
            if (id != null) {
                ids.add(id);
            }
        });
        var views = new TreeMap<String, PackageView>();
        for (String id : ids) {
            PackageFold.fold(feed.history().stream()
                            .filter(message -> id.equals(PackageFold.packageIdOf(message.getPayload())))
                            .toList())
                    .ifPresent(view -> views.put(id, view));
        }
        return views;
    }

    private Map<String, PackageView> stored(List<String> ids) {
        return new TreeMap<>(table.byIds(ids));
    }

    @Test
    @DisplayName("a month of packages, in the batches they came in: every package and offer equals the fold")
    void monthEqualsFold() {
        NovemberAtSunrise.happen(feed);
        var folded = folded();
        assertThat(folded.keySet()).containsExactly("A", "B", "C", "D");
        assertThat(stored(List.copyOf(folded.keySet()))).isEqualTo(folded);
        assertThat(folded.get("B").status()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(folded.get("B").offers()).hasSize(2);
        assertThat(table.list(null, null, null)).containsExactlyElementsOf(folded.values());
    }

    @Test
    @DisplayName("offers, a decline, a new offer to the same provider and an acceptance in one batch or in many")
    void oneBatchOrMany() {
        Object[] life = {
            commissioned("P", "C-1", 300, "2026-12-01", null),
            offered("P", "alpha"),
            offered("P", "beta"),
            declined("P", "alpha", DeclineReason.NO_CAPACITY),
            offered("P", "alpha"),
            accepted("P", "alpha", "C-1")
        };
        feed.at("2026-11-01T09:00:00Z").given(life);
        var together = stored(List.of("P")).get("P");
        assertThat(together).isEqualTo(folded().get("P"));
        feed.reset();
        int minute = 0;
        for (Object event : life) {
            feed.at("2026-11-01T09:%02d:00Z".formatted(minute++)).given(event);
        }
        var apart = stored(List.of("P")).get("P");
        assertThat(apart).isEqualTo(folded().get("P"));
        assertThat(apart.status()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(apart.offers().stream().map(offer -> offer.providerId() + "=" + offer.outcome()))
                .containsExactly("beta=WITHDRAWN", "alpha=ACCEPTED");
    }

    @Test
    @DisplayName("a provider's list holds what it holds or was offered; a reset empties packages and offers")
    void listAndReset() {
        NovemberAtSunrise.happen(feed);
        assertThat(table.list("dawn", null, null).stream().map(PackageView::packageId))
                .containsExactly("B");
        assertThat(table.list(null, "sunrise", PackageStatus.ACTIVE).stream().map(PackageView::packageId))
                .containsExactly("A", "B");
        feed.reset();
        assertThat(stored(List.of("A", "B", "C", "D"))).isEmpty();
    }
}
