package dev.cdcsink.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

import dev.cdcsink.consumer.PipelineRequestException.Reason;

/** What the operator API asks Kafka: topics, partitions, log offsets; bounded in time, failures explained. */
@Component
class TopicAdmin {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    List<String> topicsMatching(Pattern pattern) {
        return get(admin.listTopics().names()).stream().filter(t -> pattern.matcher(t).matches()).sorted().toList();
    }

    /** The partition numbers of a topic; a missing topic is UNAVAILABLE with a message naming it. */
    Set<Integer> partitions(String topic) {
        try {
            return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                    .map(p -> p.partition()).collect(Collectors.toCollection(TreeSet::new));
        } catch (PipelineRequestException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new PipelineRequestException(Reason.UNAVAILABLE, "topic " + topic + " does not exist");
            }
            throw e;
        }
    }

    Set<TopicPartition> topicPartitions(String topic) {
        return partitions(topic).stream().map(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }

    /** Per partition the offset for the spec (earliest, latest, for a timestamp: -1 when no record is that late). */
    Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(p -> specs.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(specs).all()).forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /** The topic's {@code max.message.bytes}; empty when the topic does not exist. */
    Optional<Long> maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? Optional.empty() : Optional.of(Long.parseLong(entry.value()));
        } catch (PipelineRequestException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineRequestException(Reason.UNAVAILABLE, "interrupted while asking Kafka");
        } catch (ExecutionException e) {
            PipelineRequestException failure = new PipelineRequestException(Reason.UNAVAILABLE,
                    "Kafka refused: " + e.getCause().getMessage());
            failure.initCause(e.getCause());
            throw failure;
        } catch (TimeoutException e) {
            throw new PipelineRequestException(Reason.UNAVAILABLE, "Kafka did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }
}
