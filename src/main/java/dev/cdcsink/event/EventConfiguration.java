package dev.cdcsink.event;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link ChangeEventParser}, with {@code cdc-sink.events.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventProperties.class)
class EventConfiguration {

    @Bean
    ChangeEventParser changeEventParser(SchemalessSchemas schemaless, EventProperties properties) {
        return new ChangeEventParser(schemaless, properties);
    }
}
