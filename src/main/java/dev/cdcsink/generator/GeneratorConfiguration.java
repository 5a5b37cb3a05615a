package dev.cdcsink.generator;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cdcsink.source.ConditionalOnSourceDatabase;
import dev.cdcsink.source.SourceProperties;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The generator's beans. Its settings are always bound and validated (so "enabled without a
 * source" fails start-up with a clear message); everything else exists only when a source
 * database is configured, which the production service does not have.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GeneratorProperties.class)
class GeneratorConfiguration {

    GeneratorConfiguration(GeneratorProperties generator, SourceProperties source) {
        if (generator.enabled() && source.jdbcUrl() == null) {
            throw new IllegalStateException("cdc-sink.generator.enabled needs a source database to write to: "
                    + "set cdc-sink.source.jdbc-url");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSourceDatabase
    static class WithSource {

        @Bean
        DataGenerator dataGenerator(@Qualifier("sourceDataSource") DataSource source, SourceProperties sourceProperties,
                GeneratorProperties properties, Clock clock, MeterRegistry meters) {
            return new DataGenerator(source, SourceSql.forPostgres(sourceProperties.isPostgres()), properties, clock,
                    meters);
        }
    }
}
