package org.carebank.query.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.providerAdmitted;
import static org.carebank.query.testing.CareEvents.ratings;
import static org.carebank.query.testing.CareEvents.suspended;
import static org.carebank.query.testing.CareEvents.worker;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.TravelMode;
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
 * The live provider view against a real database, on PostgreSQL and on H2: what it stores (providers, their zones,
 * their workers) for a history equals the fold of the same history, in one batch or in many.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ProviderProjectionTest {

    @Parameter
    TestDatabase.Kind database;

    private ProviderTable table;
    private EventFeed feed;

    @BeforeEach
    void emptyView() {
        JdbcClient jdbc = TestDatabase.shared(database);
        table = new ProviderTable(jdbc);
        feed = new EventFeed(new ProviderProjection(table, TestDatabase.batchedWrites(jdbc)));
        feed.reset();
    }

    private Map<String, ProviderView> folded() {
        var ids = new TreeSet<String>();
        feed.history().forEach(message -> {
            String id = ProviderFold.providerIdOf(message.getPayload());
            if (id != null) {
                ids.add(id);
            }
        });
        var views = new TreeMap<String, ProviderView>();
        for (String id : ids) {
            ProviderFold.fold(feed.history().stream()
                            .filter(message -> id.equals(ProviderFold.providerIdOf(message.getPayload())))
                            .toList())
                    .ifPresent(view -> views.put(id, view));
        }
        return views;
    }

    @Test
    @DisplayName("a month of two providers: each equals the fold, the suspended one too, with its workers")
    void monthEqualsFold() {
        NovemberAtSunrise.happen(feed);
        var folded = folded();
        assertThat(table.all()).containsExactlyElementsOf(folded.values());
        assertThat(folded.get("sunrise").status()).isEqualTo(ListStatus.SUSPENDED);
        assertThat(table.workers("sunrise").stream().map(WorkerView::workerId))
                .containsExactly("ann", "bob", "cat", "dan");
        assertThat(table.workers("dawn").get(0).travelMode()).isEqualTo(TravelMode.CAR);
    }

    @Test
    @DisplayName("admitted with a zone twice, re-rated, suspended and reinstated in one batch or one by one")
    void oneBatchOrMany() {
        Object[] life = {
            providerAdmitted("p", "south", "north", "south"),
            ratings("p", CqcRating.REQUIRES_IMPROVEMENT, CqcRating.GOOD),
            suspended("p", CqcRating.REQUIRES_IMPROVEMENT, CqcRating.GOOD),
            new ProviderReinstated("p", CqcRating.GOOD, CqcRating.GOOD, CqcRating.GOOD),
            worker("p", "w", ContractType.ZERO_HOURS, TravelMode.WALK, 1250)
        };
        feed.at("2026-09-01T10:00:00Z").given(life);
        var together = table.byIds(List.of("p")).get("p");
        assertThat(together).isEqualTo(folded().get("p"));
        assertThat(together.zones()).containsExactly("north", "south");
        feed.reset();
        int hour = 10;
        for (Object event : life) {
            feed.at("2026-09-01T%02d:00:00Z".formatted(hour++)).given(event);
        }
        var apart = table.byIds(List.of("p")).get("p");
        assertThat(apart).isEqualTo(folded().get("p"));
        assertThat(apart.status()).isEqualTo(ListStatus.ADMITTED);
        assertThat(apart.statusChangedAt()).hasToString("2026-09-01T13:00:00Z");
        assertThat(table.workers("p")).hasSize(1);
        feed.reset();
        assertThat(table.all()).isEmpty();
        assertThat(table.workers("p")).isEmpty();
    }
}
