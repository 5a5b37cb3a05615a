package dev.cdcsink.control;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cdcsink.consumer.PipelineControl;
import dev.cdcsink.consumer.PipelineRequestException;
import dev.cdcsink.consumer.PipelineStatus;
import dev.cdcsink.consumer.ReplayRequest;

/** {@code /api/pipeline}: state, pause, resume, replay. */
@RestController
@RequestMapping("/api/pipeline")
class PipelineController {

    private final PipelineControl control;

    PipelineController(PipelineControl control) {
        this.control = control;
    }

    @GetMapping
    PipelineStatus status() {
        return control.status();
    }

    @PostMapping("/pause")
    PipelineStatus pause() {
        return control.pause();
    }

    @PostMapping("/resume")
    PipelineStatus resume() {
        return control.resume();
    }

    /**
     * Body: {@code {"from": "earliest"}}, {@code {"offsets": {"0": 120, "1": 0}}} or
     * {@code {"timestamp": "2026-11-21T10:00:00Z"}}, each optionally with {@code "partitions": [0, 1]}
     * and {@code "topic"} (needed only when a topic pattern matches several).
     */
    @PostMapping("/replay")
    PipelineStatus replay(@RequestBody ReplayBody body) {
        if (body.from() != null && !body.from().equals("earliest")) {
            throw new PipelineRequestException(PipelineRequestException.Reason.INVALID,
                    "from: '" + body.from() + "' is not supported; use \"earliest\", \"offsets\" or \"timestamp\"");
        }
        return control.replay(new ReplayRequest(body.topic(), body.table(), "earliest".equals(body.from()),
                body.offsets(), body.timestamp(), body.partitions()));
    }

    record ReplayBody(String topic, String table, String from, Map<Integer, Long> offsets, Instant timestamp,
            Set<Integer> partitions) {
    }
}
