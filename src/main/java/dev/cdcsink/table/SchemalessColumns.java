package dev.cdcsink.table;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.ValueKind;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.SqlKind;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.event.EventProperties;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import dev.cdcsink.event.SchemalessTable;
import dev.cdcsink.event.UnavailableValues;
import dev.cdcsink.event.decode.Bits;
import dev.cdcsink.event.decode.ConnectDecimal;
import dev.cdcsink.event.decode.EpochDayDate;
import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.FieldDecoders;
import dev.cdcsink.event.decode.FieldSchema;
import dev.cdcsink.event.decode.LogicalType;
import dev.cdcsink.event.decode.MicroTime;
import dev.cdcsink.event.decode.MicroTimestamp;
import dev.cdcsink.event.decode.MillisTime;
import dev.cdcsink.event.decode.MillisTimestamp;
import dev.cdcsink.event.decode.Spatial;
import dev.cdcsink.event.decode.Year;
import dev.cdcsink.event.decode.ZonedTimestamp;

/**
 * What a message without a schema must mean for each column of its target table: the encoding
 * the connector gives the column's type under the settings mirrored in {@link EventProperties}
 * (e.g. a DATETIME(6) as epoch microseconds, a DECIMAL(12,2) as base64 bytes of scale 2), and
 * what the decoded values are.
 */
final class SchemalessColumns {

    private SchemalessColumns() {
    }

    /** The decodable columns of {@code table}: all but the sink's bookkeeping. */
    static SchemalessTable of(TargetTable table, EventProperties settings) {
        Map<String, SchemalessTable.Column> columns = new LinkedHashMap<>();
        for (TargetColumn column : table.columns()) {
            if (!Bookkeeping.isReserved(column.name())) {
                columns.put(column.name(), column(column, settings));
            }
        }
        return new SchemalessTable(table.name(), columns, table.primaryKey(),
                new UnavailableValues(settings.unavailableValuePlaceholder()));
    }

    private static SchemalessTable.Column column(TargetColumn c, EventProperties settings) {
        boolean connectTime = settings.timePrecisionMode() == TimePrecisionMode.CONNECT;
        return switch (c.kind()) {
            case INTEGER -> !(c.unsigned() && c.precision() == 64) ? of(c, ValueKind.INTEGER, "int64", null, FieldDecoders.INT64)
                    : settings.bigintUnsignedHandlingMode() == EventProperties.BigintUnsignedHandlingMode.PRECISE
                    ? of(c, ValueKind.DECIMAL, "bytes", ConnectDecimal.NAME, ConnectDecimal.withScale(0))
                    // long mode: the connector wraps values from 2^63 to negative longs; read back as unsigned
                    : new SchemalessTable.Column(new EventColumn(c.name(), ValueKind.INTEGER, c.nullable(), "int64", null,
                            Map.of(EventColumn.SOURCE_TYPE, "BIGINT UNSIGNED")), FieldDecoders.INT64);
            case DECIMAL -> switch (settings.decimalHandlingMode()) {
                case PRECISE -> of(c, ValueKind.DECIMAL, "bytes", ConnectDecimal.NAME, ConnectDecimal.withScale(c.scale()));
                case STRING -> of(c, ValueKind.STRING, "string", null, FieldDecoders.STRING);
                case DOUBLE -> of(c, ValueKind.DOUBLE, "double", null, FieldDecoders.DOUBLE);
            };
            case FLOAT -> of(c, ValueKind.FLOAT, "float", null, FieldDecoders.FLOAT);
            case DOUBLE -> of(c, ValueKind.DOUBLE, "double", null, FieldDecoders.DOUBLE);
            case BOOLEAN -> of(c, ValueKind.BOOLEAN, "boolean", null, FieldDecoders.BOOLEAN);
            case BIT -> c.maxBytes() == 1 ? of(c, ValueKind.BOOLEAN, "boolean", null, FieldDecoders.BOOLEAN)
                    : logical(c, ValueKind.BITS, "bytes", Bits.NAME, new Bits());
            case BINARY -> settings.binaryHandlingMode() == BinaryHandlingMode.BYTES
                    ? of(c, ValueKind.BYTES, "bytes", null, FieldDecoders.BYTES)
                    : of(c, ValueKind.STRING, "string", null, FieldDecoders.STRING);
            case DATE -> logical(c, ValueKind.DATE, "int32", EpochDayDate.DEBEZIUM_NAME, new EpochDayDate());
            case DATETIME -> connectTime || c.fsp() <= 3
                    ? logical(c, ValueKind.DATETIME, "int64", MillisTimestamp.DEBEZIUM_NAME, new MillisTimestamp())
                    : logical(c, ValueKind.DATETIME, "int64", MicroTimestamp.NAME, new MicroTimestamp());
            case TIMESTAMP -> logical(c, ValueKind.TIMESTAMP, "string", ZonedTimestamp.NAME, new ZonedTimestamp());
            case TIME -> connectTime ? logical(c, ValueKind.TIME, "int32", MillisTime.CONNECT_NAME, new MillisTime())
                    : logical(c, ValueKind.TIME, "int64", MicroTime.NAME, new MicroTime());
            case YEAR -> logical(c, ValueKind.INTEGER, "int32", Year.NAME, new Year());
            case GEOMETRY -> logical(c, ValueKind.GEOMETRY, "struct", Spatial.GEOMETRY, new Spatial());
            case TEXT, JSON, ENUM, SET, OTHER -> of(c, c.kind() == SqlKind.JSON ? ValueKind.JSON : ValueKind.STRING,
                    "string", null, FieldDecoders.STRING);
        };
    }

    private static SchemalessTable.Column of(TargetColumn c, ValueKind kind, String connectType, String logicalName,
            FieldDecoder decoder) {
        return new SchemalessTable.Column(new EventColumn(c.name(), kind, c.nullable(), connectType, logicalName,
                Map.of()), decoder);
    }

    private static SchemalessTable.Column logical(TargetColumn c, ValueKind kind, String connectType, String name,
            LogicalType type) {
        return of(c, kind, connectType, name, type.decoder(FieldSchema.of(connectType, name, Map.of())));
    }
}
