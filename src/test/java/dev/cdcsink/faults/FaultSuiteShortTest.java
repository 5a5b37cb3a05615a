package dev.cdcsink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite in short, in the default build: a minute of traffic over the real
 * processes, a source schema change (a column added mid-stream, both instances writing the table)
 * and then an instance SIGKILLed and restarted; the verdict must be PASS.
 */
class FaultSuiteShortTest {

    @Test
    void nothingIsLostThroughASchemaChangeAndAKilledInstance() throws Exception {
        FaultSuite.Verdict verdict = new FaultSuite(Map.of("seed", "7", "duration", "60", "rate", "500",
                "faults", "SOURCE_SCHEMA_CHANGE,KILL_INSTANCE")).run();

        assertThat(verdict.pass()).as(String.join("\n", verdict.lines())).isTrue();
        assertThat(verdict.lines()).anyMatch(line -> line.startsWith("| SOURCE_SCHEMA_CHANGE"))
                .anyMatch(line -> line.startsWith("| KILL_INSTANCE"));
    }
}
