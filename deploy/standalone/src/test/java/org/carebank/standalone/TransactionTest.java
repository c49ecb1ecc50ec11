package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Events, lookups and deadlines are written in one transaction: when one part fails, nothing is kept. */
class TransactionTest extends ApiTestSupport {

    @Test
    @DisplayName("a failure in the command-side lookup rolls back the events the command applied")
    void failingLookupRollsBackTheEvents() {
        admitted(ALPHA);
        String workerId = unique("w");
        // Corrupt the lookup on purpose so the WorkerRegistered update collides with an existing row.
        jdbc.sql("INSERT INTO worker_lookup (worker_id, provider_id) VALUES (?, ?)")
                .params(workerId, ALPHA)
                .update();

        var response = alpha().post(
                        "/api/v1/providers/" + ALPHA + "/workers",
                        Map.of(
                                "workerId",
                                workerId,
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1300));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.text()).doesNotContain("duplicate key").doesNotContain("SQL");
        long stored = jdbc.sql(
                        """
                        SELECT COUNT(*) FROM domainevententry WHERE payloadtype LIKE '%WorkerRegistered'
                        AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + workerId + "%")
                .query(Long.class)
                .single();
        assertThat(stored).as("the WorkerRegistered event was rolled back").isZero();
    }
}
