package dev.cdcsink.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;

import dev.cdcsink.apply.RejectedRows;
import dev.cdcsink.target.TargetMigration;

/**
 * Starts consuming once the target database answers and is migrated, in the background: the
 * service itself starts whatever the state of the target (liveness UP), and readiness stays DOWN
 * with the reason until consumption begins. Retries with the consumer's backoff, without limit.
 */
@Component
class PipelineStartup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PipelineStartup.class);

    private final TargetMigration migration;
    private final KafkaListenerEndpointRegistry registry;
    private final PipelineState state;
    private final ConsumerProperties properties;
    private Thread starter;
    private volatile boolean running;

    PipelineStartup(TargetMigration migration, KafkaListenerEndpointRegistry registry, PipelineState state,
            ConsumerProperties properties) {
        this.migration = migration;
        this.registry = registry;
        this.state = state;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        starter = new Thread(this::prepareAndConsume, "cdc-sink-startup");
        starter.setDaemon(true);
        starter.start();
    }

    private void prepareAndConsume() {
        BackOffExecution backoff = ConsumerConfiguration.backOff(properties.backoff()).start();
        while (running) {
            try {
                migration.migrate();
                break;
            } catch (RuntimeException e) {
                long wait = backoff.nextBackOff();
                String reason = "the target database is not ready (" + RejectedRows.reason(e) + "); retrying in "
                        + wait + " ms";
                state.notStartedYet(reason);
                log.warn("Not consuming yet: {}", reason);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        synchronized (this) {
            if (!running) {
                return;
            }
            state.started();
            MessageListenerContainer container = registry.getListenerContainer(ChangeListener.ID);
            if (container != null) {
                container.start();
            }
        }
        log.info("Target database migrated; consuming");
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (starter != null) {
            starter.interrupt();
            starter = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the listener registry has started (and before it stops): the container is started here, not there. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE + 1;
    }
}
