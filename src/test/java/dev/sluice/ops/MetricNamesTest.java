package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;

/** Every sluice metric the alert rules and the dashboard use is one a running sluice exposes. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class MetricNamesTest {

    private static final Pattern METRIC = Pattern.compile("\\bsluice_[a-z_]+");

    @Test
    void everyMetricInTheAlertRulesAndDashboardIsExposed() throws IOException {
        Http.operator().contentType(ContentType.JSON).body("{\"id\":\"names-1\",\"text\":\"good\",\"source\":\"names\",\"timestamp\":1}")
                .post("/api/requests").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> OpsApiTest.metric("sluice_records_processed_total") > 0);
        Set<String> exposed = exposed();
        Set<String> used = new TreeSet<>();
        used.addAll(namesIn(AlertRulesTest.RULES));
        used.addAll(namesIn(Path.of("docs", "grafana", "sluice-dashboard.json")));
        assertThat(used).hasSizeGreaterThan(10);
        assertThat(exposed).containsAll(used);
    }

    private static Set<String> namesIn(Path file) throws IOException {
        return METRIC.matcher(Files.readString(file)).results().map(m -> m.group())
                .filter(name -> !name.equals("sluice_dev") && !name.startsWith("sluice_dlq")).collect(Collectors.toSet());
    }

    /** Metric names in the exposition, with and without histogram suffixes. */
    private static Set<String> exposed() {
        String text = Http.management().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                names.add(line.substring(0, end));
            }
        }
        return names;
    }
}
