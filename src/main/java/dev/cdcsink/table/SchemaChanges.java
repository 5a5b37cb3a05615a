package dev.cdcsink.table;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.SqlDialect;

/**
 * {@code sink_schema_change}: every schema change the sink made to a target table, and every one
 * it refused, oldest first. Written right after the DDL (which commits by itself), so that a table's
 * history survives restarts: it says which tables the sink created.
 */
public class SchemaChanges {

    private static final int MAX_REASON = 1000;

    private final JdbcTemplate jdbc;
    private final LedgerStatements sql;

    public SchemaChanges(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.sql = dialect.ledgers();
    }

    void record(SchemaChange change) {
        String reason = change.reason().length() > MAX_REASON ? change.reason().substring(0, MAX_REASON - 1) + "…"
                : change.reason();
        Sql.update(jdbc, sql.recordSchemaChange().render(List.of(change), 1, (c, v) -> v.add(c.table())
                .add(c.sourceTable()).add(c.kind().tag()).add(c.column()).add(c.statement()).add(reason)
                .add(LocalDateTime.ofInstant(c.changedAt(), ZoneOffset.UTC))));
    }

    /** The schema changes of these target tables, oldest first, by table. */
    public Map<String, List<SchemaChange>> of(Collection<String> tables) {
        Map<String, List<SchemaChange>> changes = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return changes;
        }
        Sql.query(jdbc, sql.schemaChanges().render(List.copyOf(tables), 1000, (t, v) -> v.add(t)), rs -> {
            SchemaChange change = new SchemaChange(rs.getString(1), rs.getString(2),
                    SchemaChange.Kind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC));
            changes.computeIfAbsent(change.table(), t -> new ArrayList<>()).add(change);
        });
        return changes;
    }
}
