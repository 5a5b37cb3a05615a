package dev.cdcsink.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void findsBareAndSelectedMetricsButNotLabelsOrStrings() {
        assertThat(PromQlMetricNames.in("up{job=\"cdc-sink\", instance=~\"a|b{c}\"} == 0 or absent(up{job=\"x\"})"))
                .containsExactly("up");
    }

    @Test
    void skipsFunctionsAggregationsAndTheirLabelLists() {
        assertThat(PromQlMetricNames.in("histogram_quantile(0.99, sum by (le, instance) "
                + "(rate(cdc_sink_latency_seconds_bucket{from=\"source\"}[5m])))"))
                .containsExactly("cdc_sink_latency_seconds_bucket");
        assertThat(PromQlMetricNames.in("sum without (op) (increase(a_total[10m])) / max(b) by (instance)"))
                .containsExactly("a_total", "b");
    }

    @Test
    void skipsVectorMatchingOperatorsAndModifiers() {
        assertThat(PromQlMetricNames.in("(sum by (instance) (lag) > 0) and on (instance) group_left (state) "
                + "(x == bool 1) unless ignoring (kind) y offset 5m"))
                .containsExactly("lag", "x", "y");
    }

    @Test
    void skipsNumbersDurationsSubqueriesAndComments() {
        assertThat(PromQlMetricNames.in("rate(m[1h30m:1m]) * 1e3 + 0x1F - .5 # total per hour\n+ n"))
                .containsExactly("m", "n");
    }

    @Test
    void skipsGrafanaVariables() {
        assertThat(PromQlMetricNames.in("topk($n, rate(m{instance=~\"$instance\"}[$__rate_interval])) * ${factor}"))
                .containsExactly("m");
    }

    @Test
    void keepsColonsOfRecordingRuleNames() {
        assertThat(PromQlMetricNames.in("job:cdc_sink_changes:rate5m > 0")).containsExactly("job:cdc_sink_changes:rate5m");
    }

    @Test
    void rejectsUnbalancedExpressionsInsteadOfGuessing() {
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlMetricNames.in("sum(m{job=\"x\""));
    }
}
