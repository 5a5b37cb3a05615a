package dev.cdcsink.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/** {@code docker-compose.yml} read as plain YAML, with the few look-ups the consistency tests need. */
final class ComposeFile {

    static final Path PATH = Path.of("docker-compose.yml");

    /** {@code ${VAR:-default}}, {@code ${VAR-default}} or {@code ${VAR}}, as compose interpolates them. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private static final Pattern CREATE_TOPIC = Pattern.compile("--create --if-not-exists --topic (\\S+) --partitions (\\d+)");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile load() {
        try {
            return new ComposeFile(new Yaml().load(Files.readString(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> services() {
        return map(root.get("services"));
    }

    Map<String, Object> service(String name) {
        Object service = services().get(name);
        if (service == null) {
            throw new AssertionError(PATH + " has no service " + name);
        }
        return map(service);
    }

    Map<String, Object> volumes() {
        return map(root.get("volumes"));
    }

    String image(String service) {
        return (String) service(service).get("image");
    }

    /** The service's environment as written, variables not interpolated; numbers and booleans as text. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return environment;
    }

    /** The variable as compose sets it in the container with {@code variables} (an env file's) given. */
    String env(String service, String variable, Map<String, String> variables) {
        return interpolated(env(service, variable), variables);
    }

    String env(String service, String variable) {
        String value = environment(service).get(variable);
        if (value == null) {
            throw new AssertionError(service + " in " + PATH + " does not set " + variable);
        }
        return value;
    }

    /** What compose makes of a value when none of its variables is set: each default. */
    static String interpolated(String value) {
        return interpolated(value, Map.of());
    }

    /** What compose makes of a value with {@code variables} set (an env file's), the others at their defaults. */
    static String interpolated(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(set != null ? set : m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the variables a value reads, e.g. {@code CDC_SINK_TARGET_JDBC_URL}. */
    static List<String> variables(String value) {
        return VARIABLE.matcher(value).results().map(m -> m.group(1)).toList();
    }

    /** An env file ({@code NAME=value} lines, {@code #} comments) as compose's {@code --env-file} reads it. */
    static Map<String, String> envFile(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String service, String key) {
        Object value = service(service).get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    /** The topics {@code kafka-init} creates: name → partitions. */
    Map<String, Integer> createdTopics() {
        Map<String, Integer> created = new LinkedHashMap<>();
        Matcher m = CREATE_TOPIC.matcher(String.join("\n", strings("kafka-init", "command")));
        while (m.find()) {
            created.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return created;
    }

    /** {@code depends_on} in its long form: dependency → condition. */
    Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        map(service(service).get("depends_on")).forEach((k, v) -> conditions.put(k, (String) map(v).get("condition")));
        return conditions;
    }

    /** Container port → host port, from {@code "127.0.0.1:host:container"} entries. */
    Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (String port : strings(service, "ports")) {
            String[] parts = port.split(":");
            ports.put(Integer.parseInt(parts[parts.length - 1]), Integer.parseInt(parts[parts.length - 2]));
        }
        return ports;
    }

    /** Container path → source (a host path or a named volume). */
    Map<String, String> mounts(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : strings(service, "volumes")) {
            String[] parts = volume.split(":");
            mounts.put(parts[1], parts[0]);
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
