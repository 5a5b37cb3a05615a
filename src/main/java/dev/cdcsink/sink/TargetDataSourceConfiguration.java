package dev.cdcsink.sink;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.cdcsink.jdbc.MySqlDataSources;

/**
 * The pool for the target database; Flyway, the sink and the API all use it. Neither the pool
 * nor the migration needs the database at start-up: the pipeline migrates and starts consuming
 * once it answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TargetProperties.class, SinkProperties.class })
class TargetDataSourceConfiguration {

    @Bean
    @Primary
    HikariDataSource targetDataSource(TargetProperties target) {
        return MySqlDataSources.pool("target", target.jdbcUrl(), target.username(), target.password(),
                target.maximumPoolSize(), target.connectionTimeout());
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
