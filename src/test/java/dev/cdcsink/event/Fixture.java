package dev.cdcsink.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A captured Debezium record ({@code {"destination", "key", "value"}} on the classpath) with its
 * key and value as the exact bytes of the capture, so nothing is re-serialised on the way.
 */
public record Fixture(String resource, byte[] key, byte[] value) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static Fixture load(String resource) {
        byte[] file;
        try (InputStream in = Fixture.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] key = null;
        byte[] value = null;
        try (JsonParser parser = JSON.createParser(file)) {
            parser.nextToken();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                int from = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                byte[] bytes = token == JsonToken.VALUE_NULL ? null
                        : Arrays.copyOfRange(file, from, (int) parser.currentLocation().getByteOffset());
                if (name.equals("key")) {
                    key = bytes;
                } else if (name.equals("value")) {
                    value = bytes;
                }
            }
        }
        return new Fixture(resource, key, value);
    }

    /** The value's change event (inside the schema wrapper, if any) as a tree, to read expectations from. */
    JsonNode payload() {
        JsonNode root = JSON.readTree(value);
        return root.has("payload") && root.has("schema") ? root.get("payload") : root;
    }
}
