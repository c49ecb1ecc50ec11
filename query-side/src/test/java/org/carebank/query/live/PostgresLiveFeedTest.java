package org.carebank.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PostgresLiveFeedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("a change names its view and providers in one notification; none means the council's concern only")
    void onePayload() {
        var payloads = PostgresLiveFeed.payloads("performance", Set.of("beta-care", "alpha-care"));
        assertThat(payloads).hasSize(1);
        var news = JSON.readTree(payloads.get(0));
        assertThat(news.path("view").asString()).isEqualTo("performance");
        assertThat(news.path("providers").toString()).isEqualTo("[\"alpha-care\",\"beta-care\"]");
        assertThat(PostgresLiveFeed.payloads("performance", Set.of()))
                .singleElement()
                .satisfies(payload -> assertThat(
                                JSON.readTree(payload).path("providers").size())
                        .isZero());
    }

    @Test
    @DisplayName("providers beyond PostgreSQL's 8,000-byte payload go in further notifications, none lost")
    void manyProvidersSplit() {
        var providers = new HashSet<String>();
        IntStream.range(0, 1000).forEach(i -> providers.add("provider-with-a-long-id-" + i));
        var payloads = PostgresLiveFeed.payloads("performance", providers);
        assertThat(payloads).hasSizeGreaterThan(1);
        var heard = new HashSet<String>();
        for (String payload : payloads) {
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
            JSON.readTree(payload).path("providers").forEach(provider -> heard.add(provider.asString()));
        }
        assertThat(heard).isEqualTo(providers);
    }
}
