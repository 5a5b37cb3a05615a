package dev.cdcsink.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The pool for the target database; Flyway, the sink and the API all use it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TargetProperties.class, SinkProperties.class })
class TargetDataSourceConfiguration {

    @Bean
    @Primary
    HikariDataSource targetDataSource(TargetProperties target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("target");
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.username());
        config.setPassword(target.password());
        config.setMaximumPoolSize(target.maximumPoolSize());
        config.setConnectionTimeout(target.connectionTimeout().toMillis());
        // One multi-row INSERT per statement batch instead of a round trip per row.
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        // DATETIME values are written and read as UTC wall-clock, whatever the JVM's or server's zone.
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        return new HikariDataSource(config);
    }
}
