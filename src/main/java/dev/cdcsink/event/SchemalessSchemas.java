package dev.cdcsink.event;

import dev.cdcsink.change.TableId;

/**
 * Where the parser learns how to decode the rows of messages that carry no schema: from the
 * target table they go to, which must exist (a table cannot be created from a message without a
 * schema).
 */
@FunctionalInterface
public interface SchemalessSchemas {

    /**
     * @param table the source table the message names (or its topic implies)
     * @param topic the topic it was read from
     * @throws dev.cdcsink.event.decode.DecodeException when there is no target table to decode by, or the table
     *                                                  is not to be written
     */
    SchemalessTable forTable(TableId table, String topic);
}
