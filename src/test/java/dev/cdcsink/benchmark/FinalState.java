package dev.cdcsink.benchmark;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.SampleTable;
import dev.cdcsink.support.TargetDatabase;

/**
 * A drain's final target state checked row by row against the state the stream left, for
 * cdc-sink and for the peer alike. What differs is a finding of the run, reported (how many rows,
 * and the fields of one), not a crash: the peer may get things wrong that the benchmark must show.
 */
final class FinalState {

    private FinalState() {
    }

    /**
     * {@code "exact"}, or what differs. With {@code softDeletes} (cdc-sink's default) a deleted
     * key is a row flagged {@code _cdc_deleted}; without (the peer deletes rows), a deleted key
     * that is still there counts as an extra row.
     */
    static String check(TargetDatabase target, ChangeStream stream, boolean softDeletes) {
        String live = softDeletes ? "NOT _cdc_deleted" : "TRUE";
        List<String> findings = new ArrayList<>();
        compare("listings", stream.live(),
                target.hasTable("listings") ? TargetDatabase.listings(target.jdbc(), live) : Map.of(), findings);
        if (softDeletes) {
            compare("deleted listings", present(stream.deleted()), present(target.deletedIds()), findings);
        }
        for (SampleTable table : stream.tables()) {
            compare(table.name(), stream.live(table), target.versions(table, live), findings);
            if (softDeletes) {
                compare("deleted " + table.name(), present(stream.deleted(table)), present(target.deleted(table)), findings);
            }
        }
        return findings.isEmpty() ? "exact" : "WRONG: " + String.join("; ", findings);
    }

    private static <K> Map<K, Boolean> present(Collection<K> keys) {
        return keys.stream().collect(Collectors.toMap(Function.identity(), k -> true, (a, b) -> a));
    }

    private static <K> void compare(String what, Map<K, ?> expected, Map<K, ?> actual, List<String> findings) {
        long missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
        long extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        List<K> differ = expected.keySet().stream()
                .filter(k -> actual.containsKey(k) && !Objects.equals(expected.get(k), actual.get(k))).toList();
        if (missing + extra + differ.size() > 0) {
            findings.add(String.format("%s: of %,d rows %,d missing, %,d extra, %,d differ%s", what, expected.size(),
                    missing, extra, differ.size(), differ.isEmpty() ? ""
                            : " (e.g. " + differ.get(0) + ": " + difference(expected.get(differ.get(0)), actual.get(differ.get(0))) + ")"));
        }
    }

    /** The fields that differ, for a record such as {@code Listing}; else both values. */
    private static String difference(Object expected, Object actual) {
        if (!(expected instanceof Record) || expected.getClass() != actual.getClass()) {
            return expected + " expected, " + actual + " found";
        }
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            try {
                Object e = component.getAccessor().invoke(expected);
                Object a = component.getAccessor().invoke(actual);
                if (!Objects.equals(e, a)) {
                    fields.add(component.getName() + " " + e + " expected, " + a + " found");
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return String.join(", ", fields);
    }
}
