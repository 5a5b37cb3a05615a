package dev.cdcsink.event;

import tools.jackson.databind.JsonNode;

/**
 * A record key or value as Kafka Connect's JSON converter wrote it.
 *
 * @param schema  the schema the message carried, compiled; null when it carried none
 * @param payload the message content (the {@code payload} of a schema-carrying message)
 */
record JsonMessage(CompiledSchema schema, JsonNode payload) {
}
