package dev.cdcsink.observability;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.TableId;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What this instance applied to each target table since it started: its changes by outcome (read
 * from {@code cdc_sink_changes_total}), the source tables they came from, and the newest change
 * applied (source position and time). For {@code GET /api/tables}.
 */
@Component
public class TableActivity {

    /** The newest change applied to a table, and the source tables seen writing it. */
    private static final class Newest {
        private final Set<String> sources = ConcurrentHashMap.newKeySet();
        private SourcePosition position;
        private Instant sourceTime;

        synchronized void applied(SourcePosition p, Instant time) {
            if (position == null || p.compareTo(position) > 0) {
                position = p;
                sourceTime = time;
            }
        }
    }

    /**
     * @param sourceTables       the source tables ({@code db.table}) whose changes this instance applied to it
     * @param changes            its changes by outcome ({@code applied}, {@code duplicate}, {@code stale},
     *                           {@code dead_lettered})
     * @param newestPosition     the source position of the newest change applied to it; null before the first
     * @param newestSourceTime   when the source committed that change
     */
    public record Activity(Set<String> sourceTables, Map<String, Long> changes, String newestPosition,
            Instant newestSourceTime) {
    }

    private static final List<String> OUTCOMES = List.of("applied", "duplicate", "stale", "dead_lettered");

    private final MeterRegistry registry;
    private final Map<String, Newest> newest = new ConcurrentHashMap<>();

    TableActivity(MeterRegistry registry) {
        this.registry = registry;
    }

    void committed(ApplyResult result) {
        // a batch holds runs of one table's changes: the shared state is touched once per run, not per change
        Newest table = null;
        String name = null;
        TableId source = null;
        RowChange newestOfRun = null;
        for (ApplyResult.Applied applied : result.applied()) {
            RowChange change = applied.change();
            if (!applied.table().equals(name)) {
                record(table, newestOfRun);
                name = applied.table();
                table = newest.computeIfAbsent(name, t -> new Newest());
                newestOfRun = null;
                source = null;
            }
            if (!change.table().equals(source)) {
                source = change.table();
                table.sources.add(source.toString());
            }
            if (newestOfRun == null || change.position().compareTo(newestOfRun.position()) > 0) {
                newestOfRun = change;
            }
        }
        record(table, newestOfRun);
    }

    private static void record(Newest table, RowChange change) {
        if (change != null) {
            table.applied(change.position(), change.sourceTimestamp());
        }
    }

    public Activity of(String table) {
        Map<String, Long> changes = new TreeMap<>();
        for (String outcome : OUTCOMES) {
            changes.put(outcome, (long) registry.find("cdc.sink.changes").tag("table", table).tag("outcome", outcome)
                    .counters().stream().mapToDouble(Counter::count).sum());
        }
        Newest n = newest.get(table);
        if (n == null) {
            return new Activity(Set.of(), changes, null, null);
        }
        synchronized (n) {
            return new Activity(new TreeSet<>(n.sources), changes, n.position == null ? null : n.position.toString(),
                    n.sourceTime);
        }
    }
}
