package dev.cdcsink.event;

import static dev.cdcsink.event.decode.FailureKind.MALFORMED_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cdcsink.event.decode.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MessageReaderTest {

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[{\"type\":\"bytes\",\"optional\":true,"
            + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"},\"field\":\"price\"}],"
            + "\"optional\":false,\"name\":\"shop.item.Value\"}";

    private final MessageReader reader = new MessageReader(JsonMapper.builder().build());

    private JsonMessage read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), "value");
    }

    @Test
    void aWrappedMessageYieldsThePayloadAndAPlanFromItsSchema() {
        JsonMessage message = read("{\"schema\":" + SCHEMA + ",\"payload\":{\"price\":\"fQ==\"}}");
        assertThat(message.payload().toString()).isEqualTo("{\"price\":\"fQ==\"}");
        assertThat(message.schema().plan().decode(message.payload(), "after"))
                .containsExactly(new java.math.BigDecimal("1.25"));
        assertThat(message.schema().columns()).extracting(c -> c.name()).containsExactly("price");
    }

    @Test
    void theSchemaMayFollowThePayload() {
        JsonMessage message = read("{\"payload\":{\"price\":\"fQ==\"},\"schema\":" + SCHEMA + "}");
        assertThat(message.schema()).isNotNull();
        assertThat(message.payload().get("price").stringValue()).isEqualTo("fQ==");
    }

    @Test
    void theSameSchemaBytesAreCompiledOnce() {
        JsonMessage first = read("{\"schema\":" + SCHEMA + ",\"payload\":{\"price\":\"fQ==\"}}");
        JsonMessage second = read("{\"schema\":" + SCHEMA + ",\"payload\":{\"price\":\"Yw==\"}}");
        JsonMessage other = read("{\"schema\":" + SCHEMA.replace("\"2\"", "\"3\"") + ",\"payload\":{\"price\":\"Yw==\"}}");
        assertThat(second.schema()).isSameAs(first.schema());
        assertThat(other.schema()).isNotSameAs(first.schema());
    }

    @Test
    void aKnownSchemaInCompactOutputGivesWhatTheGeneralPathGives() {
        JsonMessage general = read("{\"schema\": " + SCHEMA + ", \"payload\": {\"price\":\"fQ==\"}}");
        String compact = "{\"schema\":" + SCHEMA + ",\"payload\":{\"price\":\"fQ==\",\"n\":[1,{\"x\":null}]}}";
        JsonMessage first = read(compact);
        JsonMessage second = read(compact + "\n");
        assertThat(first.schema()).isSameAs(general.schema());
        assertThat(second.schema()).isSameAs(general.schema());
        assertThat(second.payload()).isEqualTo(first.payload());
        assertThat(second.payload().toString()).isEqualTo("{\"price\":\"fQ==\",\"n\":[1,{\"x\":null}]}");
        assertThat(read("{\"schema\":" + SCHEMA + ",\"payload\":null}").payload().isNull()).isTrue();
    }

    @Test
    void oddContentAfterAKnownSchemaIsReadAsOnTheGeneralPath() {
        read("{\"schema\":" + SCHEMA + ",\"payload\":{}}");
        String[] odd = {
            "{\"schema\":" + SCHEMA + ",\"payload\":{\"price\":}}",
            "{\"schema\":" + SCHEMA + ",\"payload\":{},\"extra\":1}",
            "{\"schema\":" + SCHEMA + ",\"payload\":{}} {}",
            "{\"schema\":" + SCHEMA + ",\"payload\":{}",
            "{\"schema\":" + SCHEMA + ",\"payload\":",
            "{\"schema\":" + SCHEMA + ",\"payload\":{}}\u000b",
        };
        for (String json : odd) {
            // a reader that has not seen the schema yet can only take the general path
            MessageReader cold = new MessageReader(JsonMapper.builder().build());
            assertThat(outcome(reader, json)).as(json).isEqualTo(outcome(cold, json));
        }
    }

    private static String outcome(MessageReader reader, String json) {
        try {
            JsonMessage message = reader.read(json.getBytes(StandardCharsets.UTF_8), "value");
            return "payload " + message.payload() + (message.schema() == null ? " without" : " with") + " plan";
        } catch (DecodeException e) {
            return e.kind() + " " + e.getMessage();
        }
    }

    @Test
    void aNullSchemaMeansNoPlan() {
        JsonMessage message = read("{\"schema\":null,\"payload\":{\"id\":1}}");
        assertThat(message.schema()).isNull();
        assertThat(message.payload().toString()).isEqualTo("{\"id\":1}");
    }

    @Test
    void anObjectThatIsNotTheWrapperIsThePayloadItself() {
        JsonMessage plain = read("{\"id\":1,\"op\":\"c\"}");
        assertThat(plain.schema()).isNull();
        assertThat(plain.payload().toString()).isEqualTo("{\"id\":1,\"op\":\"c\"}");

        // a schemaless row whose table has a column named "schema"
        JsonMessage row = read("{\"id\":1,\"schema\":{\"name\":\"x\"}}");
        assertThat(row.schema()).isNull();
        assertThat(row.payload().get("schema").get("name").stringValue()).isEqualTo("x");
        assertThat(row.payload().get("id").intValue()).isEqualTo(1);
    }

    @Test
    void theJsonLiteralNullReadsAsNoMessage() {
        assertThat(read(" null ")).isNull();
    }

    @Test
    void failuresNameTheKeyOrValue() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> reader.read("{\"id\":}".getBytes(StandardCharsets.UTF_8), "key"));
        assertThat(e.kind()).isEqualTo(MALFORMED_JSON);
        assertThat(e.getMessage()).startsWith("key: not valid JSON at byte 6: ");
    }

    @Test
    void aMalformedSchemaIsAFailureToo() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> read("{\"schema\":{\"fields\":[]},\"payload\":{}}"));
        assertThat(e.getMessage()).isEqualTo("schema.type: a Connect schema must name its type");
    }
}
