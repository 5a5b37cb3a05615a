package dev.cdcsink.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.table.TableCatalog;
import dev.cdcsink.table.TableRoute;

/**
 * The source tables the sink copies and their copies: the tables of the source database, routed by
 * the sink's own rules ({@code cdc-sink.tables.*}). An excluded table is not the sink's business and
 * is left out; a table the sink would copy but whose copy cannot be compared (its target name is
 * refused, the copy does not exist yet, it has no primary key) is listed with the reason. A table
 * the connector does not capture has no copy either, so those never make the report unequal.
 */
final class CopiedTables {

    /**
     * A source table and its copy, both as their databases describe them.
     *
     * @param key the key columns (named as in the source), which both tables have
     */
    record Pair(TableId source, TargetTable sourceTable, TargetTable targetTable, List<String> key) {
    }

    record Selection(List<Pair> pairs, List<ReconcileStatus.NotCompared> notCompared) {
    }

    private final Side source;
    private final Side target;
    private final TableCatalog catalog;
    private final List<String> topics;

    /** @param topics the topics the sink consumes, to find a table's topic when the name format uses it */
    CopiedTables(Side source, Side target, TableCatalog catalog, List<String> topics) {
        this.source = source;
        this.target = target;
        this.catalog = catalog;
        this.topics = List.copyOf(topics);
    }

    /**
     * Every copied table, or only {@code name} (a source table, or {@code db.table}) when not null.
     *
     * @throws UnknownTableException when {@code name} is not a source table whose copy can be compared
     */
    Selection select(String name) {
        // in name order, as Java orders names: the same order whatever the database's collation
        List<TableId> all = source.dialect().tables().list(source.jdbc()).stream()
                .sorted(Comparator.comparing(TableId::toString)).toList();
        List<TableId> tables = name == null ? all : List.of(all.stream()
                .filter(t -> t.table().equals(name) || t.toString().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownTableException("there is no table " + name + " in the source database; "
                        + "tables there: " + all.stream().map(TableId::table).toList())));
        List<Pair> pairs = new ArrayList<>();
        List<ReconcileStatus.NotCompared> notCompared = new ArrayList<>();
        for (TableId table : tables) {
            TableRoute route = catalog.route(table, topicOf(table));
            if (route instanceof TableRoute.Excluded excluded) {
                if (name != null) {
                    throw new UnknownTableException("source table " + table + " is not copied: " + excluded.why());
                }
                continue;
            }
            String why = route instanceof TableRoute.Refused refused ? refused.why()
                    : pair(table, ((TableRoute.Target) route).table(), pairs);
            if (why != null) {
                notCompared.add(new ReconcileStatus.NotCompared(table.toString(), why));
            }
        }
        if (name != null && !notCompared.isEmpty()) {
            throw new UnknownTableException("source table " + name + " cannot be compared: " + notCompared.get(0).why());
        }
        return new Selection(pairs, notCompared);
    }

    /** Adds the pair, or says why there is none. */
    private String pair(TableId table, String targetName, List<Pair> pairs) {
        Optional<TargetTable> copy = target.dialect().tables().read(target.jdbc(), targetName);
        if (copy.isEmpty()) {
            return "target table " + targetName + " does not exist (yet)";
        }
        Optional<TargetTable> original = source.dialect().tables().read(source.jdbc(), table.table());
        if (original.isEmpty()) {
            return "it is no longer in the source database";
        }
        // the copy's key is the events' key, which is the source's primary key or the connector's message.key.columns
        List<String> key = copy.get().primaryKey().isEmpty() ? original.get().primaryKey() : copy.get().primaryKey();
        if (key.isEmpty()) {
            return "neither it nor target table " + targetName + " has a primary key";
        }
        List<String> sourceKey = new ArrayList<>();
        for (String column : key) {
            if (original.get().column(column) == null || copy.get().column(column) == null) {
                return "key column " + column + " is not in both " + table + " and target table " + targetName;
            }
            sourceKey.add(original.get().column(column).name());
        }
        pairs.add(new Pair(table, original.get(), copy.get(), sourceKey));
        return null;
    }

    /** The consumed topic of the table ({@code <prefix>.<db>.<table>}), if it is listed; null otherwise. */
    private String topicOf(TableId table) {
        return topics.stream().filter(t -> t.endsWith("." + table)).findFirst().orElse(null);
    }
}
