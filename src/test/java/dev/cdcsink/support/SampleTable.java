package dev.cdcsink.support;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;

/**
 * A source table the guarantee tests run over, whatever its key: changes of row number {@code id}
 * in version {@code version}, and how to find that row in the target.
 */
public interface SampleTable {

    /** The table's name, in the source and (by default routing) in the target. */
    String name();

    /** How its changes are rendered as the connector's events. */
    DebeziumEvents events();

    /** The primary key of row {@code id}. */
    RowKey key(long id);

    /** A create, update or read of row {@code id} at {@code version}, at binlog position {@code position}. */
    RowChange upsert(Op op, long id, int version, long position, KafkaCoordinates at);

    RowChange delete(long id, int lastVersion, long position, KafkaCoordinates at);

    RowChange truncate(long position, KafkaCoordinates at);

    /** The SQL condition that selects row {@code id} in the target, e.g. {@code id = 3}. */
    String where(long id);

    /** The key columns, comma-separated, for ORDER BY (and SELECT). */
    String orderBy();

    /** A column whose value tells the versions apart. */
    String versionColumn();

    /** That column's value in {@code version}, as the target returns it. */
    Object versionValue(long id, int version);
}
