package dev.cdcsink.reconcile;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.consumer.ConsumerProperties;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.source.ConditionalOnSourceDatabase;
import dev.cdcsink.table.TableCatalog;
import io.micrometer.core.instrument.MeterRegistry;

/** Reconcile needs both databases: it exists only when a source database is configured. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSourceDatabase
@EnableConfigurationProperties(ReconcileProperties.class)
class ReconcileConfiguration {

    @Bean
    Reconciler reconciler(@Qualifier("sourceDataSource") DataSource sourceDb,
            @Qualifier("sourceDialect") SqlDialect sourceDialect, DataSource targetDb, SqlDialect targetDialect,
            TableCatalog catalog, ConsumerProperties consumer, MeterRegistry registry, Clock clock) {
        Side source = new Side(new JdbcTemplate(sourceDb), sourceDialect);
        Side target = new Side(new JdbcTemplate(targetDb), targetDialect);
        return new Reconciler(new CopiedTables(source, target, catalog, consumer.topics()),
                new TableComparer(source, target, sourceWork()), new ReconcileMetrics(registry), clock);
    }

    @Bean
    ReconcileJobs reconcileJobs(Reconciler reconciler, ReconcileProperties properties) {
        return new ReconcileJobs(reconciler, properties);
    }

    /**
     * Threads for the source's queries while the job's thread runs the target's: made when a
     * reconcile needs one, gone after a minute idle; daemons, so they never hold up shutting down.
     */
    private static Executor sourceWork() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "reconcile-source-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
