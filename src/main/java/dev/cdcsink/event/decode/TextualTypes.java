package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * Logical types whose values are plain JSON strings and stay strings: what they add is their
 * meaning, which decides the column a table gets ({@code JSON}, {@code SET}, a UUID type …).
 */
public final class TextualTypes {

    public static final String JSON = "io.debezium.data.Json";
    public static final String ENUM_SET = "io.debezium.data.EnumSet";
    public static final String UUID = "io.debezium.data.Uuid";
    public static final String XML = "io.debezium.data.Xml";

    private TextualTypes() {
    }

    /** The registry's entries: JSON text, SET labels, UUID and XML text. */
    static List<LogicalType> all() {
        return List.of(text(JSON, ValueKind.JSON), text(ENUM_SET, ValueKind.SET), text(UUID, ValueKind.STRING),
                text(XML, ValueKind.STRING));
    }

    private static LogicalType text(String name, ValueKind kind) {
        return new LogicalType() {
            @Override
            public List<String> schemaNames() {
                return List.of(name);
            }

            @Override
            public ValueKind kind() {
                return kind;
            }

            @Override
            public FieldDecoder decoder(FieldSchema schema) {
                return FieldDecoders.STRING;
            }
        };
    }
}
