package dev.cdcsink.event;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Compiled schemas by the exact bytes of the schema they were compiled from. Every record of a topic
 * repeats the same few kilobytes of schema; comparing those bytes is far cheaper than building
 * and walking a tree of them per record. Bounded, oldest entry out first; lock-free reads.
 */
final class SchemaCache {

    private static final int CAPACITY = 32;

    /** A compiled schema and the bytes it was compiled from (one complete JSON object). */
    record Entry(byte[] schema, CompiledSchema compiled) {
    }

    private volatile Entry[] entries = new Entry[0];

    /** The compiled schema at {@code bytes[from, to)}, compiled on first sight. */
    CompiledSchema compiled(byte[] bytes, int from, int to, Supplier<CompiledSchema> compile) {
        for (Entry entry : entries) {
            if (Arrays.equals(entry.schema, 0, entry.schema.length, bytes, from, to)) {
                return entry.compiled;
            }
        }
        CompiledSchema compiled = compile.get();
        add(new Entry(Arrays.copyOfRange(bytes, from, to), compiled));
        return compiled;
    }

    /**
     * The entry whose schema bytes start at {@code from}, or null. A JSON object ends where it
     * ends, so equal bytes up to the cached schema's length mean the same schema.
     */
    Entry startingAt(byte[] bytes, int from) {
        for (Entry entry : entries) {
            int to = from + entry.schema.length;
            if (to <= bytes.length && Arrays.equals(entry.schema, 0, entry.schema.length, bytes, from, to)) {
                return entry;
            }
        }
        return null;
    }

    private synchronized void add(Entry entry) {
        Entry[] current = entries;
        int keep = Math.min(current.length, CAPACITY - 1);
        Entry[] next = new Entry[keep + 1];
        System.arraycopy(current, current.length - keep, next, 0, keep);
        next[keep] = entry;
        entries = next;
    }
}
