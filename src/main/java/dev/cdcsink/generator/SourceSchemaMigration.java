package dev.cdcsink.generator;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies {@code classpath:db/source} to the source database where the service owns the source
 * schema (dev mode, tests). A plain Flyway run of its own rather than a {@code Flyway} bean, which
 * would make Spring Boot's Flyway auto-configuration for the target back off.
 */
public class SourceSchemaMigration implements InitializingBean {

    private final DataSource source;

    public SourceSchemaMigration(DataSource source) {
        this.source = source;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure().dataSource(source).locations("classpath:db/source").load().migrate();
    }
}
