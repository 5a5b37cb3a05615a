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
import dev.cdcsink.jdbc.MySqlDataSources;

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
            return MySqlDataSources.pool("source", source.jdbcUrl(), source.username(), source.password(),
                    source.maximumPoolSize(), source.connectionTimeout(), source.socketTimeout());
        }

        /** Reconcile reads the source through it; the source is MySQL or MariaDB ({@code jdbc:mysql:}). */
        @Bean(name = SOURCE_DIALECT, defaultCandidate = false)
        SqlDialect sourceDialect(@Qualifier(SOURCE_DATA_SOURCE) DataSource source) {
            return MySqlDialect.on(source);
        }

        @Bean
        @ConditionalOnBooleanProperty("cdc-sink.source.migrate")
        SourceSchemaMigration sourceSchemaMigration(@Qualifier(SOURCE_DATA_SOURCE) DataSource source) {
            return new SourceSchemaMigration(source);
        }
    }
}
