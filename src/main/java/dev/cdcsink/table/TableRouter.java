package dev.cdcsink.table;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.SqlDialect;

/**
 * Decides for a source table whether it is copied and under which target name: include and
 * exclude lists, a per-table override, else the name format. A name that is not acceptable as an
 * identifier (too long, a character that needs more than quoting, the bookkeeping prefix, one of
 * the sink's own tables) is refused with the reason. Decisions are cached per source table and topic.
 */
final class TableRouter {

    /** The sink's own tables, and Flyway's: no source table may be written over them. */
    static final Set<String> RESERVED_TABLES = Set.of("sink_offset", "sink_deleted_key", "sink_truncate",
            "sink_dead_letter", "sink_schema_change", "sink_source_epoch", "flyway_schema_history");

    private record Source(TableId table, String topic) {
    }

    private final TableProperties properties;
    private final SqlDialect dialect;
    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final Map<Source, TableRoute> routes = new ConcurrentHashMap<>();

    TableRouter(TableProperties properties, SqlDialect dialect) {
        this.properties = properties;
        this.dialect = dialect;
        this.include = TableProperties.patterns(properties.include());
        this.exclude = TableProperties.patterns(properties.exclude());
    }

    /** @param topic the topic the table's changes come from; null when not known (reconcile reads tables, not topics) */
    TableRoute route(TableId table, String topic) {
        return routes.computeIfAbsent(new Source(table, topic), s -> decide(s.table(), s.topic()));
    }

    private TableRoute decide(TableId table, String topic) {
        String name = table.toString();
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(name).matches())) {
            return new TableRoute.Excluded(name + " is not in cdc-sink.tables.include");
        }
        if (exclude.stream().anyMatch(p -> p.matcher(name).matches())) {
            return new TableRoute.Excluded(name + " is in cdc-sink.tables.exclude");
        }
        String target = properties.overrides().get(name);
        if (target == null && topic == null && properties.nameFormat().contains("${topic}")) {
            return new TableRoute.Refused("the target table name of source table " + name + " depends on its topic "
                    + "(cdc-sink.tables.name-format uses ${topic}), which is not known here: list the topic in "
                    + "cdc-sink.consumer.topics or set cdc-sink.tables.overrides[" + name + "]");
        }
        if (target == null) {
            target = format(table, topic);
        }
        String problem = problem(target);
        return problem == null ? new TableRoute.Target(target) : new TableRoute.Refused("source table " + name
                + " maps to target table name '" + target + "', which is not acceptable: " + problem
                + "; set cdc-sink.tables.overrides[" + name + "]");
    }

    private String format(TableId table, String topic) {
        return properties.nameFormat()
                .replace("${source.db}", table.database())
                .replace("${source.schema}", table.schema() == null ? "" : table.schema())
                .replace("${source.table}", table.table())
                .replace("${topic}", topic == null ? "" : topic.replace('.', '_'));
    }

    private String problem(String target) {
        if (Bookkeeping.isReserved(target)) {
            return "it starts with the sink's reserved prefix " + Bookkeeping.PREFIX;
        }
        if (RESERVED_TABLES.contains(target.toLowerCase(Locale.ROOT))) {
            return "it is one of the sink's own tables";
        }
        return dialect.identifierProblem(target);
    }
}
