package dev.cdcsink.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The service in a JVM of its own, so its heap and resident memory are its own and not the
 * benchmark's (which also hosts the broker), and so that it can be killed as an orchestrator would.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** With JVM options such as the collector, or {@code -XX:StartFlightRecording=...} to profile the service. */
    public static ServiceProcess start(String heap, List<String> jvmOptions, Map<String, String> properties, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cdcsink.CdcSinkApplication"));
        return launch(command, properties, log);
    }

    /**
     * {@code command} up to the service's own arguments (a JVM and how it finds the service, e.g.
     * {@code java -jar app.jar}); the port, no banner and {@code properties} are appended.
     */
    public static ServiceProcess launch(List<String> command, Map<String, String> properties, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--server.port=" + port, "--spring.main.banner-mode=off"));
        properties.forEach((k, v) -> full.add("--" + k + "=" + v));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(process, port);
    }

    /** Whether {@code /actuator/health/readiness} answers 200 now. */
    public boolean isReady() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A Prometheus metric summed over its series that contain every label fragment (such as
     * {@code from="kafka"}), or -1 when the service does not answer or has no such series.
     */
    public double scrape(String name, String... labelFragments) {
        double sum = -1;
        for (String line : body().split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " "))
                    && Arrays.stream(labelFragments).allMatch(line::contains)) {
                sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** A Prometheus histogram's cumulative bucket counts by upper bound, for the series containing {@code labelFragment}. */
    public TreeMap<Double, Double> histogram(String name, String labelFragment) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : body().split("\n")) {
            if (line.startsWith(name + "_bucket{") && line.contains(labelFragment)) {
                String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return buckets;
    }

    /** What was counted between two scrapes of a histogram. */
    public static TreeMap<Double, Double> since(TreeMap<Double, Double> earlier,
            TreeMap<Double, Double> later) {
        TreeMap<Double, Double> diff = new TreeMap<>();
        later.forEach((le, count) -> diff.put(le, count - earlier.getOrDefault(le, 0.0)));
        return diff;
    }

    /**
     * A quantile of cumulative histogram buckets, interpolated linearly inside the bucket it falls
     * in (as PromQL's {@code histogram_quantile} does), in the histogram's unit.
     */
    public static double quantile(TreeMap<Double, Double> buckets, double q) {
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                double upper = bucket.getKey().isInfinite() ? lowerBound : bucket.getKey();
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket == 0 ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return -1;
    }

    /** The upper bound of the highest bucket that counted anything: the maximum is at most this. */
    public static double maxBound(TreeMap<Double, Double> buckets) {
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        return buckets.entrySet().stream().filter(b -> b.getValue() >= total).findFirst().map(b -> b.getKey()).orElse(-1.0);
    }

    private String body() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Peak resident set size so far, in bytes (Linux {@code VmHWM}). */
    public long peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** CPU time the service process has used so far. */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the JVM dies at once, mid-batch, without closing anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the service shuts down gracefully; returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; whether it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
