package dev.cdcsink.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running instance's HTTP API as a given user, the way an operator's curl would. */
public final class Api {

    /** A response: status and the JSON body (a missing node when empty, a string node when not JSON). */
    public record Response(int status, JsonNode body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static Api as(ConfigurableApplicationContext app, String user, String password) {
        return new Api(base(app), basic(user, password));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The operator of an instance on {@code 127.0.0.1:port}, e.g. one in a JVM of its own. */
    public static Api operator(int port) {
        return new Api("http://127.0.0.1:" + port, basic("operator", SinkApp.OPERATOR_PASSWORD));
    }

    public static Api operator(ConfigurableApplicationContext app) {
        return as(app, "operator", SinkApp.OPERATOR_PASSWORD);
    }

    public static Api viewer(ConfigurableApplicationContext app) {
        return as(app, "viewer", SinkApp.VIEWER_PASSWORD);
    }

    public static Api anonymous(ConfigurableApplicationContext app) {
        return new Api(base(app), null);
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) {
        // an instance that hangs fails the call instead of hanging the caller
        request.timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Response(response.statusCode(), body == null || body.isBlank() ? JSON.missingNode()
                    : json ? JSON.readTree(body) : JSON.getNodeFactory().stringNode(body));
        } catch (IOException e) {
            throw new IllegalStateException("request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
