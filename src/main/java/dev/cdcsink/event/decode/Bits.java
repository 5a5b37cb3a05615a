package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.data.Bits}: a BIT(n) value, n > 1, as bytes (base64 in JSON) with the least
 * significant byte first, parameter {@code length} = n. Decoded most significant byte first, the
 * order SQL writes bit strings in.
 */
public final class Bits implements LogicalType {

    public static final String NAME = "io.debezium.data.Bits";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BITS;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> {
            byte[] littleEndian = FieldDecoders.bytes(value);
            byte[] bigEndian = new byte[littleEndian.length];
            for (int i = 0; i < littleEndian.length; i++) {
                bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
            }
            return bigEndian;
        };
    }
}
