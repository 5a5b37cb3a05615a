package dev.cdcsink.change;

import java.util.Optional;

/**
 * A source table as Debezium names it: the database ({@code source.db}), for PostgreSQL also the
 * schema ({@code source.schema}), and the table ({@code source.table}).
 *
 * @param database the source database
 * @param schema   the schema within it; null for MySQL and MariaDB, which have none
 * @param table    the table
 */
public record TableId(String database, String schema, String table) {

    public static TableId of(String database, String table) {
        return new TableId(database, null, table);
    }

    /**
     * The table a topic is named after by Debezium's naming, {@code <prefix>.<db>.<table>}
     * ({@code cdc.shop.listings} → shop.listings); empty when it has fewer than two parts.
     */
    public static Optional<TableId> ofTopic(String topic) {
        String[] parts = topic.split("\\.");
        return parts.length < 2 ? Optional.empty() : Optional.of(of(parts[parts.length - 2], parts[parts.length - 1]));
    }

    /** {@code db.table}, or {@code db.schema.table}: how include and exclude lists and overrides name it. */
    @Override
    public String toString() {
        return schema == null ? database + "." + table : database + "." + schema + "." + table;
    }
}
