package org.carebank.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Where the rate limit's buckets live: in PostgreSQL when the service runs on it, shared by its replicas; in memory on
 * the embedded H2 store, which serves a single process. Expired rows are deleted once a minute.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService rateLimitHousekeeping() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "rate-limit-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ClientBuckets clientBuckets(
            DataSource dataSource, RateLimitFilter.Settings settings, ScheduledExecutorService rateLimitHousekeeping) {
        var limit = ClientBuckets.perMinute(settings.requestsPerMinute());
        if (!onPostgres(dataSource)) {
            return new LocalClientBuckets(limit, settings.maxLocalClients());
        }
        var shared = new SharedClientBuckets(dataSource, limit);
        rateLimitHousekeeping.scheduleWithFixedDelay(
                () -> {
                    try {
                        shared.removeExpired();
                    } catch (RuntimeException e) {
                        log.warn("Expired rate-limit buckets not removed; trying again in a minute ({})", e.toString());
                    }
                },
                1,
                1,
                TimeUnit.MINUTES);
        return shared;
    }

    private static boolean onPostgres(DataSource dataSource) {
        try {
            String product =
                    JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
            return DatabaseDriver.fromProductName(product) == DatabaseDriver.POSTGRESQL;
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the service runs on", e);
        }
    }
}
