package dev.cdcsink.event;

import dev.cdcsink.event.decode.RowPlan;
import tools.jackson.databind.JsonNode;

/**
 * A record key or value as Kafka Connect's JSON converter wrote it.
 *
 * @param rowPlan the plan for decoding rows, compiled from the schema the message carried; null when it carried none
 * @param payload the message content (the {@code payload} of a schema-carrying message)
 */
record JsonMessage(RowPlan rowPlan, JsonNode payload) {
}
