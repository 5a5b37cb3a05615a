package dev.cdcsink.event;

import static dev.cdcsink.event.decode.FailureKind.INVALID_VALUE;
import static dev.cdcsink.event.decode.FailureKind.MALFORMED_JSON;
import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.UNKNOWN_OP;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.TableId;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.FieldSchema;
import dev.cdcsink.event.decode.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the two shapes a Debezium change event takes: the full envelope ({@code before},
 * {@code after}, {@code source}, {@code op}, {@code ts_ms}) and the row flattened by the
 * {@code ExtractNewRecordState} transform, with the metadata it adds ({@code __op},
 * {@code __deleted}, {@code __source_*}). Consumes the payload: flattened metadata fields (every
 * field whose name starts with {@code __}, the transform's prefix) are removed so that what remains
 * is the row.
 */
final class EnvelopeReader {

    private static final String ADD_FIELDS_HINT = "configure ExtractNewRecordState with "
            + "add.fields=op,source.ts_ms,source.file,source.pos,source.row,source.snapshot (MySQL, MariaDB) or "
            + "add.fields=op,source.ts_ms,source.sequence,source.snapshot (PostgreSQL)";

    /** Debezium's PostgreSQL {@code source.sequence}: a JSON array of the last commit's LSN and the change's, each null or decimal text. */
    private static final Pattern SEQUENCE =
            Pattern.compile("\\[\\s*(null|\"(\\d{1,19})\")\\s*,\\s*(null|\"(\\d{1,19})\")\\s*]");

    private static final List<String> SNAPSHOT_MARKERS =
            List.of("true", "first", "first_in_data_collection", "last_in_data_collection", "last", "incremental");

    /** Where the source metadata sits: in the envelope's {@code source} block, or as flattened {@code __source_*} fields. */
    private record SourceFields(String prefix, String file, String pos, String row, String sequence, String lsn,
                                String snapshot, String tsMs, String serverId, String gtid, String missingHint) {

        String path(String field) {
            return prefix + field;
        }
    }

    private static final SourceFields ENVELOPE_SOURCE =
            new SourceFields("source.", "file", "pos", "row", "sequence", "lsn", "snapshot", "ts_ms", "server_id", "gtid",
                    "");
    private static final SourceFields FLATTENED_SOURCE = new SourceFields("", "__source_file", "__source_pos",
            "__source_row", "__source_sequence", "__source_lsn", "__source_snapshot", "__source_ts_ms",
            "__source_server_id", "__source_gtid", "; " + ADD_FIELDS_HINT);

    /** The prefix ExtractNewRecordState gives the metadata fields it adds to a flattened row. */
    static final String FLATTENED_PREFIX = "__";

    private EnvelopeReader() {
    }

    /**
     * The schema of the rows: the {@code after} (or {@code before}) struct of an envelope, else the
     * flattened row itself without the metadata fields the transform added.
     */
    static FieldSchema rowSchema(FieldSchema valueSchema) {
        FieldSchema after = valueSchema.field("after");
        FieldSchema row = after != null ? after : valueSchema.field("before");
        if (row != null && "struct".equals(row.type())) {
            return row;
        }
        return new FieldSchema(valueSchema.field(), valueSchema.type(), valueSchema.optional(), valueSchema.name(),
                valueSchema.parameters(), valueSchema.fields().stream()
                        .filter(f -> !f.field().startsWith(FLATTENED_PREFIX)).toList(), valueSchema.items());
    }

    /**
     * What a record of the connector that carries no row change is: {@code message} for a
     * logical decoding message (op {@code m}, the PostgreSQL connector's {@code message} block),
     * {@code heartbeat} for a heartbeat (nothing but {@code ts_ms}); null for anything else.
     */
    static String notAChange(JsonNode payload) {
        if (!(payload instanceof ObjectNode event)) {
            return null;
        }
        JsonNode op = event.get("op");
        if (op != null && op.isString() && op.stringValue().equals("m") && event.has("message")) {
            return "message";
        }
        return event.size() == 1 && event.has("ts_ms") ? "heartbeat" : null;
    }

    static Envelope read(JsonNode payload) {
        if (!(payload instanceof ObjectNode event)) {
            throw new DecodeException(MALFORMED_JSON, "value: expected a JSON object as the change event, got "
                    + JsonValues.describe(payload));
        }
        if (event.has("__op") || event.has("__deleted")) {
            return flattened(event);
        }
        if (event.has("op") || event.has("before") || event.has("after") || event.has("source")) {
            return full(event);
        }
        throw new DecodeException(MISSING_FIELD, "op: the value is neither a Debezium change event (op, before, after, "
                + "source) nor a flattened row with __op or __deleted; for flattened rows " + ADD_FIELDS_HINT);
    }

    private static Envelope full(ObjectNode event) {
        Op op = op(event.get("op"), "op", "");
        ObjectNode source = object(event, "source");
        if (source == null) {
            throw new DecodeException(MISSING_FIELD, "source: the change event has no source block, so no source position");
        }
        ObjectNode before = object(event, "before");
        ObjectNode after = object(event, "after");
        if (op == Op.CREATE || op == Op.UPDATE || op == Op.READ) {
            if (after == null) {
                throw new DecodeException(MISSING_FIELD, "after: a '" + op.code() + "' event needs the row after the change");
            }
        } else {
            after = null;
        }
        if (op == Op.TRUNCATE) {
            before = null;
        }
        Instant timestamp = timestamp(source, ENVELOPE_SOURCE.tsMs(), ENVELOPE_SOURCE.path(ENVELOPE_SOURCE.tsMs()));
        if (timestamp == null) {
            timestamp = timestamp(event, "ts_ms", "ts_ms");
        }
        TableId table = table(source, "db", "schema", "table", "source.");
        return new Envelope(op, before, after, position(source, ENVELOPE_SOURCE, op), timestamp, table,
                sourceServer(source, ENVELOPE_SOURCE));
    }

    /** The row's values are the row after the change, or for a delete the row before it. */
    private static Envelope flattened(ObjectNode row) {
        JsonNode opNode = row.remove("__op");
        Op op = deleted(row.remove("__deleted")) ? Op.DELETE : op(opNode, "__op", "; " + ADD_FIELDS_HINT);
        SourcePosition position = position(row, FLATTENED_SOURCE, op);
        // both are removed from the row whichever is used
        Instant sourceTimestamp = timestamp(row, FLATTENED_SOURCE.tsMs(), FLATTENED_SOURCE.tsMs());
        Instant eventTimestamp = timestamp(row, "__ts_ms", "__ts_ms");
        TableId table = table(row, "__source_db", "__source_schema", "__source_table", "");
        String sourceServer = sourceServer(row, FLATTENED_SOURCE);
        row.remove(row.propertyStream().map(Map.Entry::getKey).filter(name -> name.startsWith(FLATTENED_PREFIX)).toList());
        ObjectNode before = op == Op.DELETE ? row : null;
        ObjectNode after = op == Op.DELETE || op == Op.TRUNCATE ? null : row;
        return new Envelope(op, before, after, position, sourceTimestamp != null ? sourceTimestamp : eventTimestamp,
                table, sourceServer);
    }

    /**
     * Which server wrote the change, for telling a failover apart: {@code server_id=1} (MySQL's and
     * MariaDB's {@code source.server_id}), with the GTID's originating part when there is one
     * ({@code gtid=0-1} of MariaDB's domain-server-sequence {@code 0-1-57}, a MySQL server's UUID of
     * {@code uuid:57}); null when the event carries neither (PostgreSQL, or a flattened row without
     * {@code source.server_id} among {@code add.fields}).
     */
    private static String sourceServer(ObjectNode container, SourceFields fields) {
        String serverId = scalar(container.remove(fields.serverId()));
        String gtid = scalar(container.remove(fields.gtid()));
        String origin = gtid == null ? null : gtidOrigin(gtid);
        if (serverId == null && origin == null) {
            return null;
        }
        return (serverId == null ? "" : "server_id=" + serverId) + (serverId != null && origin != null ? " " : "")
                + (origin == null ? "" : "gtid=" + origin);
    }

    /** A number's or a string's text, else null: the server's identity only informs, it never costs a record. */
    private static String scalar(JsonNode node) {
        if (node == null) {
            return null;
        }
        return node.isNumber() ? node.numberValue().toString() : node.isString() ? node.stringValue() : null;
    }

    /** {@code 0-1-57} → {@code 0-1}; {@code 3E11FA47-71CA-11E1-9E33-C80AA9429562:57} → the UUID. */
    private static String gtidOrigin(String gtid) {
        int colon = gtid.indexOf(':');
        if (colon >= 0) {
            return gtid.substring(0, colon);
        }
        int dash = gtid.lastIndexOf('-');
        return dash > 0 ? gtid.substring(0, dash) : gtid;
    }

    /** The source table the event names; null when it names none (a flattened row without those fields). */
    private static TableId table(ObjectNode container, String dbField, String schemaField, String tableField,
            String prefix) {
        String db = text(container.remove(dbField), prefix + dbField);
        String schema = text(container.remove(schemaField), prefix + schemaField);
        String table = text(container.remove(tableField), prefix + tableField);
        return db == null || table == null ? null : new TableId(db, schema, table);
    }

    private static String text(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JsonValues.text(node);
        } catch (DecodeException e) {
            throw e.at(path);
        }
    }

    private static Op op(JsonNode node, String path, String missingHint) {
        if (node == null || node.isNull()) {
            throw new DecodeException(MISSING_FIELD, path + ": the change event has no op" + missingHint);
        }
        Op op;
        try {
            op = Op.fromCode(JsonValues.text(node));
        } catch (DecodeException e) {
            throw e.at(path);
        }
        if (op == null) {
            throw new DecodeException(UNKNOWN_OP, path + ": '" + node.stringValue() + "' is none of c, u, d, r, t");
        }
        return op;
    }

    /** ExtractNewRecordState's {@code __deleted}: Debezium 3.5 writes the string "true" or "false"; a boolean is read too. */
    private static boolean deleted(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString() && (node.stringValue().equals("true") || node.stringValue().equals("false"))) {
            return node.stringValue().equals("true");
        }
        throw JsonValues.wrongType("true or false", node).at("__deleted");
    }

    /** The object at that field, or null when absent or null. */
    private static ObjectNode object(ObjectNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            throw JsonValues.wrongType("an object", node).at(field);
        }
        return object;
    }

    /** A binlog position when the event names a binlog file, else a WAL position when it has PostgreSQL's fields. */
    private static SourcePosition position(ObjectNode container, SourceFields fields, Op op) {
        if (!container.has(fields.file()) && (container.has(fields.sequence()) || container.has(fields.lsn()))) {
            return walPosition(container, fields, op);
        }
        long fileIndex = required(container, fields.file(), fields, node -> binlogIndex(JsonValues.text(node)));
        long pos = required(container, fields.pos(), fields, node -> nonNegative(JsonValues.int64(node)));
        // source.row restarts with every statement of a transaction, so it cannot order changes
        container.remove(fields.row());
        return SourcePosition.binlog(fileIndex, pos, snapshot(container.remove(fields.snapshot()), fields, op));
    }

    /**
     * From {@code source.sequence} alone: the LSN by itself does not order changes of different
     * transactions (see {@link SourcePosition}), so an event with only {@code lsn} is refused.
     */
    private static SourcePosition walPosition(ObjectNode container, SourceFields fields, Op op) {
        container.remove(fields.lsn());
        long[] sequence = required(container, fields.sequence(), fields, node -> sequence(JsonValues.text(node)));
        return SourcePosition.wal(sequence[0], sequence[1], snapshot(container.remove(fields.snapshot()), fields, op));
    }

    /** {@code ["24023928","24024000"]} → the last commit's LSN (0 for null) and the change's, which must be there. */
    static long[] sequence(String text) {
        Matcher m = SEQUENCE.matcher(text);
        if (!m.matches() || m.group(4) == null) {
            throw new DecodeException(INVALID_VALUE, "'" + text + "' is not Debezium's PostgreSQL sequence "
                    + "[last commit LSN, LSN] such as [\"24023928\",\"24024000\"]");
        }
        try {
            return new long[] {m.group(2) == null ? 0 : Long.parseLong(m.group(2)), Long.parseLong(m.group(4))};
        } catch (NumberFormatException e) {
            throw new DecodeException(INVALID_VALUE, "'" + text + "': an LSN above 2^63-1");
        }
    }

    private static <T> T required(ObjectNode container, String field, SourceFields fields, Function<JsonNode, T> read) {
        JsonNode node = container.remove(field);
        if (node == null || node.isNull()) {
            throw new DecodeException(MISSING_FIELD, fields.path(field) + ": the change event has no source position"
                    + fields.missingHint());
        }
        try {
            return read.apply(node);
        } catch (DecodeException e) {
            throw e.at(fields.path(field));
        }
    }

    /** {@code mysql-bin.000003} → 3. */
    static long binlogIndex(String file) {
        int dot = file.lastIndexOf('.');
        String suffix = dot < 0 ? "" : file.substring(dot + 1);
        if (suffix.isEmpty() || suffix.length() > 10 || !suffix.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(suffix) > SourcePosition.MAX_FILE_INDEX) {
            throw new DecodeException(INVALID_VALUE, "'" + file
                    + "' is not a binlog file name with a numeric suffix such as mysql-bin.000003");
        }
        return Long.parseLong(suffix);
    }

    private static long nonNegative(long value) {
        if (value < 0) {
            throw new DecodeException(INVALID_VALUE, value + " is negative");
        }
        return value;
    }

    /**
     * Debezium's snapshot markers; {@code false} is streaming. Without the field, {@code r} (which
     * Debezium emits only for snapshot reads) still counts as a snapshot, so the read cannot
     * outrank a change streamed at the same position.
     */
    private static boolean snapshot(JsonNode node, SourceFields fields, Op op) {
        if (node == null || node.isNull()) {
            return op == Op.READ;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String marker;
        try {
            marker = JsonValues.text(node);
        } catch (DecodeException e) {
            throw e.at(fields.path(fields.snapshot()));
        }
        if (SNAPSHOT_MARKERS.contains(marker)) {
            return true;
        }
        if (marker.equals("false")) {
            return false;
        }
        throw new DecodeException(INVALID_VALUE, fields.path(fields.snapshot()) + ": '" + marker
                + "' is not a Debezium snapshot marker (" + String.join(", ", SNAPSHOT_MARKERS) + ", false)");
    }

    private static Instant timestamp(ObjectNode container, String field, String path) {
        JsonNode node = container.remove(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(JsonValues.int64(node));
        } catch (DecodeException e) {
            throw e.at(path);
        }
    }
}
