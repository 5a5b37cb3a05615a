package dev.cdcsink.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every PromQL expression the repository's alert rules and Grafana dashboards run. */
final class MonitoringQueries {

    /** A PromQL query, and where it is used (for failure messages). */
    record Query(String source, String expr) {
    }

    static final Path ALERTS = Path.of("prometheus", "alerts.yml");
    static final Path DASHBOARDS = Path.of("grafana", "dashboards");
    /** Grafana's variable query {@code label_values(selector, label)}: only the selector is PromQL. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");

    private MonitoringQueries() {
    }

    static List<Query> all() {
        List<Query> queries = new ArrayList<>(alertRules());
        queries.addAll(dashboards());
        return queries;
    }

    static List<Query> alertRules() {
        return rules().stream().map(rule -> new Query(ALERTS + " " + name(rule), (String) rule.get("expr"))).toList();
    }

    /** The names of the alerts in the rule file. */
    static List<String> alertNames() {
        return rules().stream().filter(rule -> rule.containsKey("alert")).map(MonitoringQueries::name).toList();
    }

    private static String name(Map<String, Object> rule) {
        return (String) (rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        try {
            Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                rules.addAll((List<Map<String, Object>>) group.get("rules"));
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> dashboards() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            List<Query> queries = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JsonMapper.builder().build().readTree(file.toFile());
                collect(file.toString(), dashboard.path("panels"), queries);
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    JsonNode query = variable.path("query");
                    Matcher m = LABEL_VALUES.matcher(query.isObject() ? query.path("query").asString() : query.asString());
                    if (m.matches()) {
                        queries.add(new Query(file + " variable " + variable.path("name").asString(), m.group(1)));
                    }
                }
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code expr} of every target of every panel, rows' nested panels included. */
    private static void collect(String file, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(file + " panel \"" + panel.path("title").asString() + "\"",
                            target.get("expr").asString()));
                }
            }
            collect(file, panel.path("panels"), queries);
        }
    }
}
