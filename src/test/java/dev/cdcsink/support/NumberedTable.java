package dev.cdcsink.support;

import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.TableId;

/**
 * A sample table whose row number {@code n} in version {@code v} is built by a function: its
 * changes are those rows at binlog positions, as the connector sends them.
 *
 * @param source       the source table
 * @param rendering    how its changes are rendered
 * @param key          the key of row n
 * @param row          row n in version v
 * @param where        the SQL condition selecting row n
 * @param orderBy      the key columns
 * @param versionColumn a column that tells versions apart
 * @param versionValue  its value in row n, version v, as the target returns it
 */
record NumberedTable(TableId source, Supplier<DebeziumEvents> rendering, LongFunction<RowKey> key,
        BiFunction<Long, Integer, Row> row, LongFunction<String> where, String orderBy, String versionColumn,
        BiFunction<Long, Integer, Object> versionValue) implements SampleTable {

    @Override
    public String name() {
        return source.table();
    }

    @Override
    public DebeziumEvents events() {
        return rendering.get();
    }

    @Override
    public RowKey key(long id) {
        return key.apply(id);
    }

    @Override
    public RowChange upsert(Op op, long id, int version, long position, KafkaCoordinates at) {
        return change(op, id, op == Op.UPDATE ? row.apply(id, version - 1) : null, row.apply(id, version), position, at);
    }

    @Override
    public RowChange delete(long id, int lastVersion, long position, KafkaCoordinates at) {
        return change(Op.DELETE, id, row.apply(id, lastVersion), null, position, at);
    }

    @Override
    public RowChange truncate(long position, KafkaCoordinates at) {
        return change(Op.TRUNCATE, 0, null, null, position, at);
    }

    private RowChange change(Op op, long id, Row before, Row after, long position, KafkaCoordinates at) {
        return new RowChange(source, events().schema(), op, op == Op.TRUNCATE ? null : key(id), before, after,
                Changes.position(position), Instant.ofEpochMilli(1_780_000_000_000L + position), at);
    }

    @Override
    public String where(long id) {
        return where.apply(id);
    }

    @Override
    public Object versionValue(long id, int version) {
        return versionValue.apply(id, version);
    }

    @Override
    public String toString() {
        return name();
    }
}
