package dev.cdcsink.target;

import org.flywaydb.core.Flyway;

/**
 * The target's Flyway migration, taken out of the application's start-up: an instance whose
 * target database is down still starts (liveness UP, readiness DOWN) and migrates once the
 * database answers, instead of exiting and being restarted in a loop by its orchestrator.
 */
public class TargetMigration {

    private volatile Flyway flyway;

    /** Called by Spring Boot's Flyway initializer in place of migrating. */
    void defer(Flyway flyway) {
        this.flyway = flyway;
    }

    /**
     * Migrates the target schema; a no-op when Flyway is disabled.
     *
     * @throws RuntimeException when the database cannot be reached or the migration fails (retry later)
     */
    public void migrate() {
        Flyway deferred = flyway;
        if (deferred != null) {
            deferred.migrate();
        }
    }
}
