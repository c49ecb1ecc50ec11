package org.carebank.standalone.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The command line to the endpoint asked, and the CSV made where an endpoint has none. */
class ReplayOptionsTest {

    private static final String[] TRUST = {"--export", "h.ndjson", "--public-key", "k.pem", "--checkpoints", "v.json"};

    private static ReplayOptions parse(String... args) {
        String[] all = new String[TRUST.length + args.length];
        System.arraycopy(TRUST, 0, all, 0, TRUST.length);
        System.arraycopy(args, 0, all, TRUST.length, args.length);
        return ReplayOptions.parse(all);
    }

    @Test
    @DisplayName("--month is the period's first and last day, both included, or the month itself where one is asked")
    void monthIsAPeriod() {
        var options = parse("--figure", "performance", "--provider", "p-1", "--month", "2026-02");
        assertThat(options.figures().get(0).request(options.figureOptions()))
                .isEqualTo("/api/v1/providers/p-1/performance?from=2026-02-01&to=2026-02-28");
        var pay = parse("--figure", "pay-compliance", "--provider", "p-1", "--month", "2026-02");
        assertThat(pay.figures().get(0).request(pay.figureOptions()))
                .isEqualTo("/api/v1/providers/p-1/pay-compliance?month=2026-02");
    }

    @Test
    @DisplayName("--as-of reaches the endpoints that take asOf= themselves, and no other")
    void asOfPassedWhereTaken() {
        var options = parse(
                "--figure",
                "time-bank",
                "--figure",
                "travel-provider",
                "--client",
                "C-1",
                "--provider",
                "p-1",
                "--week",
                "2026-W48",
                "--as-of",
                "2026-11-03T00:00:00Z",
                "--out",
                "dir");
        assertThat(options.figures().get(0).request(options.figureOptions()))
                .isEqualTo("/api/v1/clients/C-1/time-bank?asOf=2026-11-03T00%3A00%3A00Z");
        assertThat(options.figures().get(1).request(options.figureOptions()))
                .isEqualTo("/api/v1/travel/providers/p-1?week=2026-W48");
    }

    @Test
    @DisplayName(
            "usage errors before anything is read: a missing option named, trust required, several figures need --out")
    void usageErrors() {
        assertThatThrownBy(() -> parse("--figure", "performance", "--month", "2026-10"))
                .isInstanceOf(ReplayOptions.Usage.class)
                .hasMessageContaining("--provider");
        assertThatThrownBy(() -> ReplayOptions.parse(new String[] {"--export", "h.ndjson", "--figure", "visit"}))
                .isInstanceOf(ReplayOptions.Usage.class)
                .hasMessageContaining("--public-key");
        assertThatThrownBy(() -> parse("--figure", "visit", "--figure", "package", "--visit", "v", "--package", "p"))
                .isInstanceOf(ReplayOptions.Usage.class)
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> parse("--figure", "nonsense"))
                .isInstanceOf(ReplayOptions.Usage.class)
                .hasMessageContaining("--list");
        assertThatThrownBy(() -> parse("--figure", "visit", "--visit", "v", "--as-of", "yesterday"))
                .isInstanceOf(ReplayOptions.Usage.class);
    }

    @Test
    @DisplayName("CSV of a JSON answer: a column per field by path, lists as JSON, cells quoted per RFC 4180")
    void csvOfJson() {
        var json = JsonMapper.builder()
                .build()
                .readTree(
                        "{\"visitId\":\"v-1\",\"note\":\"late, \\\"again\\\"\",\"cqc\":{\"overall\":\"GOOD\"},\"zones\":[\"n\"],\"x\":null}");
        assertThat(CsvOfJson.of(json))
                .isEqualTo("visitId,note,cqc.overall,zones,x\r\nv-1,\"late, \"\"again\"\"\",GOOD,\"[\"\"n\"\"]\",\r\n");
    }
}
