package org.carebank.query.live;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Live updates shared by the query instances on PostgreSQL; of this instance only on the embedded H2 store. */
@Configuration(proxyBeanMethods = false)
class LiveFeedConfiguration {

    @Bean
    LiveFeed liveFeed(LiveUpdates live, JdbcClient jdbc, DataSource dataSource) {
        return onPostgres(dataSource) ? new PostgresLiveFeed(live, jdbc, dataSource) : new LocalLiveFeed(live);
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
