package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two service instances on one database race for the same aggregate: the loser's append conflicts on the stream's
 * next sequence number, its command is retried against the winner's state, and no limit is ever passed twice.
 */
class TwoNodesTest {

    @Test
    @DisplayName("withdrawals racing through two nodes never overdraw one bank; conflicts end as 201, 422 or 409")
    void racingNodes() throws Exception {
        try (var first = RunningService.start("two_nodes");
                var second = RunningService.start("two_nodes")) {
            var council = first.as("council");
            String clientRef = ApiTestSupport.unique("C");
            var opened = council.post(
                    "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                    Map.of("adjustmentId", "opening", "minutes", 100, "reason", "opening balance"));
            assertThat(opened.status()).as(opened.text()).isEqualTo(201);

            var pool = Executors.newFixedThreadPool(8);
            var statuses = new ArrayList<Integer>();
            try {
                var calls = new ArrayList<Callable<Integer>>();
                for (int i = 0; i < 24; i++) {
                    var node = (i % 2 == 0 ? first : second).as("council");
                    calls.add(() -> node.post(
                                    "/api/v1/clients/" + clientRef + "/time-bank/withdrawals",
                                    Map.of("withdrawalId", ApiTestSupport.unique("wd"), "minutes", 10, "purpose", "x"))
                            .status());
                }
                for (var future : pool.invokeAll(calls)) {
                    statuses.add(future.get());
                }
            } finally {
                pool.shutdown();
            }

            assertThat(statuses).allMatch(status -> List.of(201, 409, 422).contains(status));
            long accepted = statuses.stream().filter(status -> status == 201).count();
            var jdbc = first.bean(JdbcClient.class);
            long drawn = jdbc.sql(
                            "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?")
                    .params("timebank:" + clientRef, "%TimeDrawnDown")
                    .query(Long.class)
                    .single();
            assertThat(drawn).as("one event per accepted withdrawal").isEqualTo(accepted);
            assertThat(accepted)
                    .as("100 minutes hold ten withdrawals of 10, never more")
                    .isLessThanOrEqualTo(10);
            ApiTestSupport.eventually(() -> assertThat(second.as("council")
                            .get("/api/v1/clients/" + clientRef + "/time-bank")
                            .json()
                            .path("balanceMinutes")
                            .asInt())
                    .isEqualTo(100 - 10 * (int) accepted));
        }
    }
}
