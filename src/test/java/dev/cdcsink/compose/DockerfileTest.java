package dev.cdcsink.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The image compose builds: the jar CI builds (same wrapper, settings and command), run from its
 * layers as a non-root user, with the health check compose's start order relies on. No Docker
 * engine here to build it, so the Dockerfile is read.
 */
class DockerfileTest {

    private final List<String> lines = lines(Path.of("Dockerfile"));
    private final List<String> finalStage = lines.subList(lastIndexStartingWith("FROM "), lines.size());

    @Test
    void buildsTheJarWithTheRepositorysMavenWrapperAndSettings() {
        assertThat(lines).contains("COPY mvnw pom.xml ./", "COPY .mvn/ .mvn/", "COPY src/ src/");
        assertThat(String.join("\n", lines)).contains("./mvnw -B -DskipTests package")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --destination extracted");
        // the build context has what the build reads
        List<String> ignored = lines(Path.of(".dockerignore"));
        assertThat(ignored).contains("*", "!mvnw", "!pom.xml", "!.mvn/", "!src/");
    }

    @Test
    void runsTheLayersAsANonRootUser() {
        String user = line(finalStage, "USER ").substring("USER ".length());
        assertThat(user).isNotIn("root", "0", "0:0").doesNotStartWith("root:").doesNotStartWith("0:");
        assertThat(finalStage).filteredOn(l -> l.startsWith("COPY --from=build /build/extracted/")).hasSize(4);
        // the class-data sharing archive the entry point uses is the one the image's training run wrote
        assertThat(line(finalStage, "RUN java ")).contains("-XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar app.jar");
        assertThat(line(finalStage, "ENTRYPOINT ")).contains("\"-XX:SharedArchiveFile=app.jsa\", \"-jar\", \"app.jar\"");
        assertThat(line(finalStage, "ENV JAVA_TOOL_OPTIONS=")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void healthCheckAsksForReadinessOnTheServicePort() {
        Map<String, Object> application = new Yaml().load(read(Path.of("src", "main", "resources", "application.yml")));
        Object port = ComposeFile.map(application.get("server")).get("port");
        String healthCheck = String.join(" ", finalStage.subList(finalStage.indexOf(line(finalStage, "HEALTHCHECK ")),
                finalStage.indexOf(line(finalStage, "ENTRYPOINT "))));

        assertThat(healthCheck).contains("/dev/tcp/127.0.0.1/" + port).contains("GET /actuator/health/readiness ")
                .contains("grep -q ' 200 '");
        assertThat(line(finalStage, "EXPOSE ")).isEqualTo("EXPOSE " + port);
    }

    private int lastIndexStartingWith(String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix + "in the Dockerfile");
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "in the Dockerfile's final stage"));
    }

    private static List<String> lines(Path path) {
        return Arrays.stream(read(path).split("\n")).map(String::strip).toList();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
