package dev.cdcsink.apply;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code cdc-sink.sink.*} for the {@link ChangeSink}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SinkProperties.class)
class SinkConfiguration {
}
