package dev.cdcsink.generator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Positive;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cdcsink.generator.DataGenerator.Settings;
import dev.cdcsink.generator.DataGenerator.Status;
import dev.cdcsink.source.ConditionalOnSourceDatabase;

/** Starts, stops and shows the data generator. */
@RestController
@ConditionalOnSourceDatabase
@RequestMapping("/api/generator")
public class GeneratorController {

    /**
     * Optional settings for a start; what is left out keeps its current value.
     *
     * @param rate changes per second
     * @param mix  weights of inserts, updates and deletes
     */
    public record StartRequest(@Positive @DecimalMax(GeneratorProperties.MAX_RATE) Double rate, @Valid OpMix mix) {
    }

    private final DataGenerator generator;

    public GeneratorController(DataGenerator generator) {
        this.generator = generator;
    }

    @GetMapping
    public Status status() {
        return generator.status();
    }

    @PostMapping("/start")
    public Status start(@Valid @RequestBody(required = false) StartRequest request) {
        Settings current = generator.settings();
        if (request == null) {
            return generator.start(current);
        }
        return generator.start(new Settings(request.rate() != null ? request.rate() : current.rate(),
                request.mix() != null ? request.mix() : current.mix()));
    }

    @PostMapping("/stop")
    public Status stop() {
        return generator.halt();
    }
}
