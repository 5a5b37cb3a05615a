package dev.cdcsink.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.ServiceProcess;
import dev.cdcsink.support.TargetDatabase;

/**
 * Start-up of the service: JVM start → ready (readiness UP) → consuming (the first change of its
 * topic committed in the target), for each way the service can be launched from the packaged jar:
 * the jar as built, the jar extracted (as the Dockerfile runs it), extracted with a class-data
 * sharing archive from a training run (what the Dockerfile builds), and, where a JDK 25 is
 * installed, its ahead-of-time cache. Every run starts against a new target database (so Flyway
 * migrates it) and a new consumer group, with the real broker and MariaDB server of the other
 * benchmarks. Needs the jar: {@code ./mvnw -q -Pbenchmark -DskipTests package exec:exec
 * -Dbenchmark.main=dev.cdcsink.benchmark.StartupBenchmark [-Dbenchmark.args="--runs 5"]}.
 * Options: {@code --runs 3}, {@code --jdk25 <java home>} ({@code none} to skip it).
 */
public final class StartupBenchmark {

    private static final ConditionFactory STARTING = Awaitility.await().atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(25));
    private static final Path WORK = Path.of("target", "startup");

    private final int runs;
    private final String jdk25;
    private final MariaDbServer server = MariaDbServer.shared();
    private final KafkaBroker kafka = KafkaBroker.shared();

    private StartupBenchmark(Map<String, String> options) {
        this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        this.jdk25 = options.getOrDefault("jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new StartupBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path jar = packagedJar();
        Path extracted = WORK.resolve("extracted");
        exec(List.of(java(System.getProperty("java.home")), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", extracted.toString(), "--force"));
        Path app = extracted.resolve(jar.getFileName());
        String java17 = java(System.getProperty("java.home"));

        Map<String, List<String>> modes = new LinkedHashMap<>();
        modes.put("java -jar (the packaged jar)", List.of(java17, "-jar", jar.toString()));
        modes.put("extracted jar", List.of(java17, "-jar", app.toString()));
        Path cds = extracted.resolve("app.jsa");
        train(List.of(java17, "-XX:ArchiveClassesAtExit=" + cds, "-jar", app.toString()));
        modes.put("extracted jar + CDS archive (the Dockerfile's)",
                List.of(java17, "-XX:SharedArchiveFile=" + cds, "-jar", app.toString()));
        if (!"none".equals(jdk25) && Files.isExecutable(Path.of(java(jdk25)))) {
            Path aot = extracted.resolve("app.aot");
            train(List.of(java(jdk25), "-XX:AOTCacheOutput=" + aot, "-jar", app.toString()));
            modes.put("extracted jar + JDK 25 AOT cache", List.of(java(jdk25), "-XX:AOTCache=" + aot, "-jar", app.toString()));
        }

        System.out.printf("cdc-sink start-up: %d runs per mode; %d cores, Java %s; JVM options %s -Xmx256m%n", runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SinkBenchmark.SERVICE_JVM);
        System.out.println("| launch | JVM start → ready | JVM start → consuming (first change committed) |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, List<String>> mode : modes.entrySet()) {
            List<Double> ready = new ArrayList<>();
            List<Double> consuming = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                double[] times = start(mode.getValue(), run);
                ready.add(times[0]);
                consuming.add(times[1]);
            }
            System.out.printf("| %s | %s | %s |%n", mode.getKey(), spread(ready), spread(consuming));
        }
    }

    /** Seconds from the JVM's start to readiness and to the first committed change, in a new target and group. */
    private double[] start(List<String> launch, int run) throws Exception {
        String topic = Pipelines.topic(kafka, 1);
        try (ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers());
                TargetDatabase target = TargetDatabase.create(server)) {
            producer.send(topic, new ChangeStream(run).next(1));
            List<String> command = new ArrayList<>(List.of(launch.get(0), "-Xmx256m"));
            command.addAll(List.of(SinkBenchmark.SERVICE_JVM.split(" ")));
            command.addAll(launch.subList(1, launch.size()));
            long started = System.nanoTime();
            try (ServiceProcess service = ServiceProcess.launch(command, properties(target, topic),
                    WORK.resolve("run-" + run + ".log"))) {
                double[] times = new double[2];
                STARTING.until(() -> {
                    alive(service);
                    if (times[0] == 0 && service.isReady()) {
                        times[0] = (System.nanoTime() - started) / 1e9;
                    }
                    if (times[1] == 0 && Pipelines.storedOffsets(target, List.of(topic)) > 0) {
                        times[1] = (System.nanoTime() - started) / 1e9;
                    }
                    return times[0] > 0 && times[1] > 0;
                });
                return times;
            }
        }
    }

    /** A training run up to the refreshed context, as the Dockerfile makes one: the archive is written as the JVM exits. */
    private void train(List<String> launch) throws Exception {
        List<String> command = new ArrayList<>(List.of(launch.get(0), "-Xmx256m"));
        command.addAll(List.of(SinkBenchmark.SERVICE_JVM.split(" ")));
        // Spring Framework's switch (a system property, not a Boot setting): exit once the context is refreshed
        command.add("-Dspring.context.exit=onRefresh");
        command.addAll(launch.subList(1, launch.size()));
        try (TargetDatabase target = TargetDatabase.create(server)) {
            properties(target, Pipelines.topic(kafka, 1)).forEach((k, v) -> command.add("--" + k + "=" + v));
            exec(command);
        }
    }

    private Map<String, String> properties(TargetDatabase target, String topic) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("cdc-sink.target.jdbc-url", server.jdbcUrl(target.schema()));
        properties.put("cdc-sink.target.username", server.username());
        properties.put("cdc-sink.consumer.topics", topic);
        properties.put("cdc-sink.consumer.group-id", topic);
        return properties;
    }

    private static void alive(ServiceProcess service) {
        if (!service.isAlive()) {
            throw new IllegalStateException("the service died; see " + WORK + "/run-*.log");
        }
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path log = WORK.resolve("prepare.log");
        int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + "; see " + log);
        }
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("cdc-sink-.*\\.jar")
                    && !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/cdc-sink-*.jar: run with package, see the class comment"));
        }
    }

    private static String java(String home) {
        return Path.of(home, "bin", "java").toString();
    }

    /** Median, and the range over the runs. */
    private static String spread(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        return String.format("%.2f s (%.2f – %.2f)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
