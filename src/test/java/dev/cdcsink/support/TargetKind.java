package dev.cdcsink.support;

import java.util.function.Supplier;

/** The target products the guarantee suites run against, each on its shared server. */
public enum TargetKind {
    MARIADB(MariaDbServer::shared),
    POSTGRES(PostgresServer::shared);

    private final Supplier<TargetServer> server;

    TargetKind(Supplier<TargetServer> server) {
        this.server = server;
    }

    /** The shared server of this product (started on first use). */
    public TargetServer server() {
        return server.get();
    }
}
