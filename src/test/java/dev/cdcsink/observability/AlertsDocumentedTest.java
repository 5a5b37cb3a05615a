package dev.cdcsink.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AlertsDocumentedTest {

    @Test
    void everyAlertRuleIsListedInTheReadmesAlertsSection() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("\n## Alerts\n");
        String alerts = readme.substring(readme.indexOf("\n## Alerts\n"));
        assertThat(MonitoringQueries.alertNames()).isNotEmpty()
                .allSatisfy(name -> assertThat(alerts).contains("`" + name + "`"));
    }
}
