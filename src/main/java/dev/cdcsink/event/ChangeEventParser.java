package dev.cdcsink.event;

import dev.cdcsink.event.decode.DecodeException;
import org.springframework.stereotype.Component;

/**
 * Turns a Kafka record of the {@code listings} change topic into a {@link ParseResult}: a change,
 * a tombstone, or a failure that says what is wrong where. Never throws for bad input.
 * Thread-safe: one instance serves every listener thread.
 */
@Component
public class ChangeEventParser {

    private final ChangeEventDecoder decoder;

    public ChangeEventParser(EventProperties properties) {
        this.decoder = new ChangeEventDecoder(ListingMapper.TABLE, properties);
    }

    /**
     * @param key   the record key bytes; null when the record has none
     * @param value the record value bytes; null for a tombstone
     */
    public ParseResult parse(KafkaCoordinates coordinates, byte[] key, byte[] value) {
        if (value == null) {
            return new ParseResult.Tombstone(coordinates);
        }
        try {
            return new ParseResult.Change(ListingMapper.toChange(decoder.decode(key, value), coordinates));
        } catch (DecodeException e) {
            return new ParseResult.Failure(coordinates, e.failure());
        } catch (RuntimeException e) {
            // A defect here, not bad input; still a failure for this record, so the partition is not stalled by it.
            return new ParseResult.Failure(coordinates, new ParseFailure(ParseFailure.Kind.INVALID_VALUE,
                    "unexpected error decoding the record: " + e));
        }
    }
}
