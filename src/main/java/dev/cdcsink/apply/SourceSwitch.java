package dev.cdcsink.apply;

import dev.cdcsink.change.SourcePosition;

/**
 * A source log that started anew in a partition's stream, as the sink detected it: a position before
 * the last one applied from that partition (a failover to a server with lower binlog coordinates, a
 * {@code RESET MASTER}, a PostgreSQL source rebuilt), or the changes of another server once another
 * partition of the topic found its log restarted. The change at {@code offset} and every later one of
 * the partition take {@code epoch}, under which they order after everything before.
 *
 * @param topic            the change topic
 * @param partition        its partition
 * @param offset           the first record of the new epoch
 * @param epoch            the epoch from that record on
 * @param server           which server wrote that change (null when the event does not say)
 * @param position         its position in the new log
 * @param previousServer   which server wrote the change before it
 * @param previousPosition the position of the change before it
 * @param adopted          whether the epoch was one another partition of the topic had begun for that server
 */
public record SourceSwitch(String topic, int partition, long offset, int epoch, String server,
        SourcePosition position, String previousServer, SourcePosition previousPosition, boolean adopted) {
}
