package dev.cdcsink.control;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cdcsink.consumer.DeadLetterInbox;

/** {@code /api/dead-letters}: what was dead-lettered and why; redrive once the cause is fixed. */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetterInbox inbox;

    DeadLetterController(DeadLetterInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    DeadLetterInbox.Summary summary(@RequestParam(defaultValue = "20") @Min(1) @Max(500) int newest) {
        return inbox.summary(newest);
    }

    @PostMapping("/redrive")
    DeadLetterInbox.RedriveResult redrive() {
        return inbox.redrive();
    }
}
