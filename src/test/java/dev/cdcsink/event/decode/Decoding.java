package dev.cdcsink.event.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: JSON literals, decoding with one logical type, and expected decode failures. */
final class Decoding {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Decoding() {
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Decodes a JSON literal with the type's decoder for a field schema carrying the given parameters. */
    static Object decode(LogicalType type, Map<String, String> parameters, String json) {
        return type.decoder(FieldSchema.of("bytes", type.schemaNames().get(0), parameters)).decode(json(json));
    }

    static Object decode(LogicalType type, String json) {
        return decode(type, Map.of(), json);
    }

    /** Asserts the call fails with that kind and returns the failure for further checks of its message. */
    static DecodeException failure(FailureKind kind, ThrowingCallable call) {
        DecodeException e = catchThrowableOfType(DecodeException.class, call);
        assertThat(e).as("expected a DecodeException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }
}
