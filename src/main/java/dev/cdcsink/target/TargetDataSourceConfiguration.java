package dev.cdcsink.target;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.mysql.MySqlDialect;
import dev.cdcsink.dialect.postgres.PostgresDialect;
import dev.cdcsink.jdbc.DataSources;

/**
 * The target database: its pool (Flyway, the sink and the API all use it), its SQL dialect, and
 * the migration of the sink's own tables. Neither the pool nor the migration needs the database at
 * start-up: the pipeline migrates and starts consuming once it answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetProperties.class)
class TargetDataSourceConfiguration {

    @Bean
    @Primary
    HikariDataSource targetDataSource(TargetProperties target) {
        return DataSources.pool("target", target.jdbcUrl(), target.username(), target.password(),
                target.maximumPoolSize(), target.connectionTimeout(), target.socketTimeout());
    }

    /**
     * PostgreSQL for a {@code jdbc:postgresql:} URL; else MySQL or MariaDB, told apart (for the
     * collation of created tables) when the first table is created. On the pool itself: Spring
     * Boot's JdbcTemplate waits for Flyway, which needs the dialect.
     */
    @Bean
    SqlDialect sqlDialect(TargetProperties target, DataSource database) {
        return target.isPostgres() ? new PostgresDialect() : MySqlDialect.on(database);
    }

    @Bean
    FlywayConfigurationCustomizer sinkTablesLocation(SqlDialect dialect) {
        return configuration -> configuration.locations(dialect.migrations());
    }

    @Bean
    TargetMigration targetMigration() {
        return new TargetMigration();
    }

    @Bean
    FlywayMigrationStrategy deferredTargetMigration(TargetMigration migration) {
        return migration::defer;
    }
}
