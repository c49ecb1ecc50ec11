package org.carebank.standalone;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * On the default H2 file store, one writing transaction at a time. H2's MVStore writes a commit by taking a snapshot of
 * each of its maps (one per table and per index) in turn, and a transaction of another connection that changes a map
 * meanwhile reaches the file half written. The next write normally completes it; a {@code kill -9} before that leaves
 * half a transaction for good (H2 issue 2080, open; ADR 0014). {@code CrashIT} caught it in one run in four: a
 * hash-chain head without its link, a projection's token moved past a visit row it never wrote. So every read-write
 * transaction holds this lock from its start until its commit has been written (reads do not change a map and run
 * alongside), and H2 housekeeping, which writes the store too, takes it as well. PostgreSQL needs none of it
 * (docs/crash-and-soak.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
class H2OneWriter {

    /** The lock itself, for the few writers that are not Spring transactions. */
    static final class WriteLock {

        private final ReentrantLock lock = new ReentrantLock(true);

        void whileHeld(Runnable work) {
            lock.lock();
            try {
                work.run();
            } finally {
                lock.unlock();
            }
        }
    }

    @Bean
    WriteLock h2WriteLock() {
        return new WriteLock();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource, WriteLock writeLock) {
        return new OneWriterTransactionManager(dataSource, writeLock.lock);
    }

    /** Spring's JDBC transaction manager, holding the lock for the life of each read-write transaction it begins. */
    private static final class OneWriterTransactionManager extends JdbcTransactionManager {

        private final transient ReentrantLock lock;
        private final transient Set<Object> holding = Collections.newSetFromMap(new ConcurrentHashMap<>());

        OneWriterTransactionManager(DataSource dataSource, ReentrantLock lock) {
            super(dataSource);
            this.lock = lock;
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            boolean writes = !definition.isReadOnly();
            if (writes) {
                lock.lock();
                holding.add(transaction);
            }
            try {
                super.doBegin(transaction, definition);
            } catch (RuntimeException | Error e) {
                release(transaction);
                throw e;
            }
        }

        @Override
        protected void doCleanupAfterCompletion(Object transaction) {
            try {
                super.doCleanupAfterCompletion(transaction);
            } finally {
                release(transaction);
            }
        }

        private void release(Object transaction) {
            if (holding.remove(transaction)) {
                lock.unlock();
            }
        }
    }
}
