package dev.cdcsink.generator;

import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cdcsink.jdbc.MySqlDataSources;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The generator's beans. Its settings are always bound and validated (so "enabled without a
 * source" fails start-up with a clear message); everything else exists only when a source
 * database is configured, which the production service does not have.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GeneratorProperties.class)
class GeneratorConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnGeneratorSource
    static class WithSource {

        /**
         * Not a default candidate: the target pool stays the only DataSource that auto-configuration
         * (Flyway, JdbcTemplate, transactions, health) sees; the generator asks for this one by name.
         */
        @Bean(defaultCandidate = false)
        HikariDataSource generatorSourceDataSource(GeneratorProperties properties) {
            GeneratorProperties.Source source = properties.source();
            return MySqlDataSources.pool("generator-source", source.jdbcUrl(), source.username(), source.password(),
                    source.maximumPoolSize(), source.connectionTimeout());
        }

        @Bean
        @ConditionalOnBooleanProperty("cdc-sink.generator.migrate-source")
        SourceSchemaMigration sourceSchemaMigration(@Qualifier("generatorSourceDataSource") DataSource source) {
            return new SourceSchemaMigration(source);
        }

        @Bean
        SourceListings sourceListings(@Qualifier("generatorSourceDataSource") DataSource source) {
            return new SourceListings(source);
        }

        @Bean
        DataGenerator dataGenerator(SourceListings source, GeneratorProperties properties, Clock clock,
                MeterRegistry meters) {
            return new DataGenerator(source, properties, clock, meters);
        }
    }
}
