package dev.cdcsink.sink;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.cdcsink.jdbc.MySqlDataSources;

/** The pool for the target database; Flyway, the sink and the API all use it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TargetProperties.class, SinkProperties.class })
class TargetDataSourceConfiguration {

    @Bean
    @Primary
    HikariDataSource targetDataSource(TargetProperties target) {
        return MySqlDataSources.pool("target", target.jdbcUrl(), target.username(), target.password(),
                target.maximumPoolSize(), target.connectionTimeout());
    }
}
