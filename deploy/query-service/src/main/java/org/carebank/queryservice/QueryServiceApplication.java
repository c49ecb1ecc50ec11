package org.carebank.queryservice;

import org.carebank.service.CarebankLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The query side alone: projections fed from Axon Server, the dashboards' and auditors' HTTP API and the dashboard
 * page. Run several; they share the projections' PostgreSQL schema and split each projection's segments.
 */
@SpringBootApplication(scanBasePackages = {"org.carebank.query", "org.carebank.service"})
@ConfigurationPropertiesScan({"org.carebank.query", "org.carebank.service"})
public class QueryServiceApplication {

    public static void main(String[] args) {
        CarebankLauncher.launch(QueryServiceApplication.class, args);
    }
}
