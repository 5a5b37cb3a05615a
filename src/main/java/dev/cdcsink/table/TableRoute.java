package dev.cdcsink.table;

/** Where the changes of a source table go: into a target table, or nowhere, and why. */
public sealed interface TableRoute {

    /** Into this target table. */
    record Target(String table) implements TableRoute {
    }

    /** Nowhere: excluded by the lists, counted as skipped. */
    record Excluded(String why) implements TableRoute {
    }

    /** Nowhere: the name it would get is not acceptable (or not known). */
    record Refused(String why) implements TableRoute {
    }
}
