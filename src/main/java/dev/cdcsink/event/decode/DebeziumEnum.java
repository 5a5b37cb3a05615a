package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.data.Enum}: an ENUM column's value as its label string. The schema's
 * {@code allowed} parameter is not checked: Debezium joins the labels with commas, which labels
 * may themselves contain.
 */
public final class DebeziumEnum implements LogicalType {

    public static final String NAME = "io.debezium.data.Enum";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.ENUM;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return FieldDecoders.STRING;
    }
}
