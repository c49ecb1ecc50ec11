package org.carebank.standalone;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * On the default H2 file store, one connection: every transaction runs alone. H2's MVStore writes a commit by taking a
 * snapshot of each of its maps (tables and indexes) one after the other, and a transaction of another connection that
 * changes a map meanwhile lands in the file half written: the rows of one table without those of the other. A later
 * write normally completes it; a {@code kill -9} before that makes the half permanent (H2 issue 2080, open). Measured
 * in {@code CrashIT}: in one run in four, a chain head without its link or a projection's token moved past a row it
 * never wrote. With one connection no other transaction runs while a commit is written. The price is that the default
 * store serves one transaction at a time (docs/crash-and-soak.md); PostgreSQL has no such limit.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
class H2OneConnection implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            pool.setMaximumPoolSize(1);
            pool.setMinimumIdle(1);
        }
        return bean;
    }
}
