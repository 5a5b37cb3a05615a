package dev.cdcsink.source;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies the source schema ({@code classpath:db/source/mysql} or {@code classpath:db/source/postgresql})
 * to the source database where the service owns the source schema (dev mode, tests). A plain Flyway
 * run of its own rather than a {@code Flyway} bean, which would make Spring Boot's Flyway
 * auto-configuration for the target back off.
 */
public class SourceSchemaMigration implements InitializingBean {

    private final DataSource source;
    private final String location;

    public SourceSchemaMigration(DataSource source, String location) {
        this.source = source;
        this.location = location;
    }

    /** The source schema's migrations for the product: the generator's tables in its types. */
    public static String location(boolean postgres) {
        return "classpath:db/source/" + (postgres ? "postgresql" : "mysql");
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure().dataSource(source).locations(location).load().migrate();
    }
}
