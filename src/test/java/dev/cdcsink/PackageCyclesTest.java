package dev.cdcsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The service's packages depend on each other without cycles, so each capability can be read,
 * tested and changed from the packages below it alone. Dependencies are read from the sources:
 * imports and fully qualified names.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.cdcsink(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies).containsKeys("dev.cdcsink.apply", "dev.cdcsink.table", "dev.cdcsink.dialect");
        List<List<String>> cycles = new ArrayList<>();
        for (String from : dependencies.keySet()) {
            List<String> path = pathBack(from, dependencies);
            if (path != null) {
                cycles.add(path);
            }
        }
        assertThat(cycles).as("dependency cycles between packages").isEmpty();
    }

    /** A path of dependencies from {@code start} back to itself, or null. */
    private static List<String> pathBack(String start, Map<String, Set<String>> dependencies) {
        Map<String, String> reachedFrom = new HashMap<>();
        List<String> frontier = new ArrayList<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String p : frontier) {
                for (String q : dependencies.getOrDefault(p, Set.of())) {
                    if (q.equals(start)) {
                        List<String> path = new ArrayList<>(List.of(start));
                        for (String at = p; !at.equals(start); at = reachedFrom.get(at)) {
                            path.add(1, at);
                        }
                        path.add(start);
                        return path;
                    }
                    if (seen.add(q)) {
                        reachedFrom.put(q, p);
                        next.add(q);
                    }
                }
            }
            frontier = next;
        }
        return null;
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("dev/cdcsink"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> uses = dependencies.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            }
        }
        return dependencies;
    }
}
