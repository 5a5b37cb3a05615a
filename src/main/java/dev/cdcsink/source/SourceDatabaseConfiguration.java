package dev.cdcsink.source;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.mysql.MySqlDialect;
import dev.cdcsink.dialect.postgres.PostgresDialect;
import dev.cdcsink.jdbc.DataSources;

/** The source database's pool and SQL dialect, and its schema where the service owns it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourceProperties.class)
class SourceDatabaseConfiguration {

    /** The bean name to ask for the source pool by. */
    static final String SOURCE_DATA_SOURCE = "sourceDataSource";
    /** The bean name to ask for the source's SQL dialect by. */
    static final String SOURCE_DIALECT = "sourceDialect";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSourceDatabase
    static class WithSource {

        /**
         * Not a default candidate: the target pool stays the only DataSource that auto-configuration
         * (Flyway, JdbcTemplate, transactions, health) sees; users ask for this one by name.
         */
        @Bean(name = SOURCE_DATA_SOURCE, defaultCandidate = false)
        HikariDataSource sourceDataSource(SourceProperties source) {
            return DataSources.pool("source", source.jdbcUrl(), source.username(), source.password(),
                    source.maximumPoolSize(), source.connectionTimeout(), source.socketTimeout());
        }

        /**
         * Reconcile reads the source through it, with that product's checksums: PostgreSQL for a
         * {@code jdbc:postgresql:} URL, else MySQL or MariaDB. Source and target may differ.
         */
        @Bean(name = SOURCE_DIALECT, defaultCandidate = false)
        SqlDialect sourceDialect(SourceProperties properties, @Qualifier(SOURCE_DATA_SOURCE) DataSource source) {
            return properties.isPostgres() ? new PostgresDialect() : MySqlDialect.on(source);
        }

        @Bean
        @ConditionalOnBooleanProperty("cdc-sink.source.migrate")
        SourceSchemaMigration sourceSchemaMigration(SourceProperties properties,
                @Qualifier(SOURCE_DATA_SOURCE) DataSource source) {
            return new SourceSchemaMigration(source, SourceSchemaMigration.location(properties.isPostgres()));
        }
    }
}
