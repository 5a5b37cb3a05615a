package dev.cdcsink.event.decode;

import tools.jackson.databind.JsonNode;

/** Turns the JSON value of one field into its Java value. Built once per field schema, applied per record. */
@FunctionalInterface
public interface FieldDecoder {

    /**
     * @param value a present, non-null JSON value
     * @throws DecodeException when the value does not have the encoding the field declares
     */
    Object decode(JsonNode value);
}
