package dev.cdcsink.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the change events come from and how they are consumed.
 *
 * @param topics           Debezium change topics to consume ({@code <topic.prefix>.<database>.<table>}), one per
 *                         source table; may be empty when {@code topicPattern} is set
 * @param topicPattern     a regular expression of further topics to consume, e.g. {@code cdc\.shop\..*};
 *                         dead-letter topics never match it
 * @param groupId          the Kafka consumer group; instances with the same group share the partitions
 * @param concurrency      consumer threads in this instance (at most one per partition does work)
 * @param maxPollRecords   records per polled batch, applied as transactions of {@code cdc-sink.sink.chunk-size}
 * @param deadLetterTopic  where records that can never be applied go; empty means {@code <original topic>.DLT}
 * @param deadLetter       how dead letters are published
 * @param sessionTimeout   how long the group waits for a silent (killed) instance before its partitions move
 *                         to another; heartbeats go every third of it
 * @param groupInstanceId  static group membership: an instance restarted under the same id within the session
 *                         timeout gets its partitions back without a rebalance; empty means dynamic membership
 * @param backoff          retry timing for transient failures (target down, deadlock, lock wait timeout);
 *                         retries never stop, and offsets do not move meanwhile
 */
@Validated
@ConfigurationProperties("cdc-sink.consumer")
public record ConsumerProperties(
        @DefaultValue("cdc.shop.listings") List<String> topics,
        @DefaultValue("") String topicPattern,
        @NotBlank @DefaultValue("cdc-sink") String groupId,
        @Min(1) @Max(64) @DefaultValue("1") int concurrency,
        @Min(1) @Max(100_000) @DefaultValue("2000") int maxPollRecords,
        @DefaultValue("") String deadLetterTopic,
        @Valid @NotNull @DefaultValue DeadLetter deadLetter,
        @NotNull @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("") String groupInstanceId,
        @Valid @NotNull @DefaultValue Backoff backoff) {

    /**
     * @param maxRecordSize the largest dead letter the producer sends ({@code max.request.size}): at least the
     *                      largest record the change topics hold, so that no record is too large to dead-letter
     * @param timeout       how long one publication may take before it counts as failed (and is retried)
     */
    public record DeadLetter(
            @NotNull @DefaultValue("64MB") DataSize maxRecordSize,
            @NotNull @DefaultValue("30s") Duration timeout) {

        @AssertTrue(message = "max-record-size must be between 1KB and 1GB")
        public boolean isMaxRecordSizeSensible() {
            return maxRecordSize == null || (maxRecordSize.toBytes() >= 1024 && maxRecordSize.toBytes() <= 1L << 30);
        }

        @AssertTrue(message = "timeout must be at least 1s")
        public boolean isTimeoutSensible() {
            return timeout == null || timeout.compareTo(Duration.ofSeconds(1)) >= 0;
        }
    }

    /**
     * @param initialInterval the first wait after a transient failure
     * @param multiplier      factor by which each further wait grows
     * @param maxInterval     the longest wait between two attempts
     */
    public record Backoff(
            @NotNull @DefaultValue("500ms") Duration initialInterval,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("30s") Duration maxInterval) {

        @AssertTrue(message = "max-interval must not be shorter than initial-interval")
        public boolean isMaxIntervalAtLeastInitial() {
            return initialInterval == null || maxInterval == null || maxInterval.compareTo(initialInterval) >= 0;
        }
    }

    /**
     * The subscription as one pattern: the listed topics and the pattern, never a dead-letter topic
     * (one ending in {@code .DLT}, or the configured one), which the sink would otherwise consume.
     */
    public Pattern subscription() {
        List<String> alternatives = new ArrayList<>(topics.stream().filter(t -> !t.isBlank()).map(Pattern::quote).toList());
        if (!topicPattern.isBlank()) {
            alternatives.add("(?:" + topicPattern + ")");
        }
        String notDeadLetters = "(?!.*\\.DLT$)" + (deadLetterTopic.isBlank() ? "" : "(?!" + Pattern.quote(deadLetterTopic) + "$)");
        return Pattern.compile(notDeadLetters + "(?:" + String.join("|", alternatives) + ")");
    }

    /** The dead-letter topic for a record read from {@code originalTopic}; a dead letter that fails again stays where it is. */
    public String deadLetterTopicFor(String originalTopic) {
        if (originalTopic.equals(deadLetterTopic) || (deadLetterTopic.isBlank() && originalTopic.endsWith(".DLT"))) {
            return originalTopic;
        }
        return deadLetterTopic.isBlank() ? originalTopic + ".DLT" : deadLetterTopic;
    }

    @AssertTrue(message = "session-timeout must be between 6s and 5min (the broker's default group limits)")
    public boolean isSessionTimeoutWithinBrokerLimits() {
        return sessionTimeout == null
                || (sessionTimeout.compareTo(Duration.ofSeconds(6)) >= 0 && sessionTimeout.compareTo(Duration.ofMinutes(5)) <= 0);
    }

    @AssertTrue(message = "set topics or topic-pattern")
    public boolean isTopicOrPatternSet() {
        return (topics != null && topics.stream().anyMatch(t -> !t.isBlank()))
                || !(topicPattern == null || topicPattern.isBlank());
    }

    @AssertTrue(message = "topic-pattern must be a valid regular expression")
    public boolean isTopicPatternValid() {
        if (topicPattern == null || topicPattern.isBlank()) {
            return true;
        }
        try {
            Pattern.compile(topicPattern);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
