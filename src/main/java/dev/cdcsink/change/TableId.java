package dev.cdcsink.change;

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

    /** {@code db.table}, or {@code db.schema.table}: how include and exclude lists and overrides name it. */
    @Override
    public String toString() {
        return schema == null ? database + "." + table : database + "." + schema + "." + table;
    }
}
