package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * A Connect/Debezium logical type: how a field whose schema carries one of these names is encoded
 * in JSON and which Java value it stands for. One implementation per encoding; {@link LogicalTypes}
 * finds it by schema name.
 */
public interface LogicalType {

    /** The schema names ({@code "name"} of the field schema) that use this encoding. */
    List<String> schemaNames();

    /** What the decoded values are. */
    ValueKind kind();

    /** The decoder for one field of this type; reads the schema's parameters (e.g. {@code scale}) once, here. */
    FieldDecoder decoder(FieldSchema schema);
}
