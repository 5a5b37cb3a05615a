package dev.cdcsink.table;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.event.EventProperties;

/** The catalog of target tables, with {@code cdc-sink.tables.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TableProperties.class)
class TableConfiguration {

    @Bean
    SchemaChanges schemaChanges(JdbcTemplate jdbc, SqlDialect dialect) {
        return new SchemaChanges(jdbc, dialect);
    }

    @Bean
    TableInventory tableInventory(JdbcTemplate jdbc, SqlDialect dialect, SchemaChanges schemaChanges) {
        return new TableInventory(jdbc, dialect, schemaChanges);
    }

    @Bean
    TableCatalog tableCatalog(JdbcTemplate jdbc, SqlDialect dialect, TableProperties tables, EventProperties events,
            SchemaChanges schemaChanges, SchemaChangeListener listener, Clock clock) {
        return new TableCatalog(jdbc, dialect, tables, events, schemaChanges, listener, clock);
    }
}
