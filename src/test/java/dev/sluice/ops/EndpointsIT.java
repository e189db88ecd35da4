package dev.sluice.ops;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import dev.sluice.inference.EvaluationFigures;
import dev.sluice.inference.hybrid.HybridModel;
import dev.sluice.inference.onnx.OnnxModelLoader;
import dev.sluice.testing.Http;
import dev.sluice.testing.KafkaBrokerResource;
import dev.sluice.testing.TestKafka;

/**
 * Every HTTP endpoint of the packaged application, with good and bad input, and requests through
 * Kafka: run against the JVM jar by {@code ./mvnw verify} and against the native executable by
 * {@code ./mvnw verify -Dnative} on a machine with GraalVM or Mandrel.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class EndpointsIT {

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Http.management().get("/q/health/ready").then().statusCode(200));
        Http.management().get("/q/health/live").then().statusCode(200);
        Http.management().get("/q/health/started").then().statusCode(200).body("checks.name", hasItem("sluice-model"));
        Http.management().get("/q/metrics").then().statusCode(200).body(containsString("sluice_records_consumed_total"))
                .body(containsString("sluice_delivery_mode{mode=\"at-least-once\"} 1.0"))
                .body(not(containsString("sluice_transactions"))); // Exactly-once meters appear only in that mode.
        when().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void theReadingEndpointsAnswerWithoutCredentials() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/api/consumer/assignments").then().statusCode(200)
                .body("partitions.size()", is(KafkaBrokerResource.PARTITIONS)));
        // The lag report is a snapshot refreshed every sluice.health.lag-refresh: it catches up with an assignment, not at once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/api/consumer/lag").then().statusCode(200)
                .body("partitions.size()", is(KafkaBrokerResource.PARTITIONS)).body("partitions[0].logEnd", notNullValue())
                .body("group", is("sluice")));
        when().get("/api/consumer/partition-distribution").then().statusCode(200).body("total", notNullValue());
        when().get("/api/model").then().statusCode(200).body("loaded", is(true)).body("id", containsString("@"));
        when().get("/api/delivery").then().statusCode(200).body("mode", is("at-least-once")).body("commitInterval", is("PT1S"))
                .body("transactionalIds", nullValue());
        given().queryParam("key", "web").get("/api/partition-mapping").then().statusCode(200).body("topic", is("sluice.requests"));
    }

    @Test
    void theModelServesTheFiguresItsTrainerMeasuredOnTheProseSet() {
        String kind = when().get("/api/model").then().statusCode(200).extract().path("kind");
        Map<String, Object> committed = EvaluationFigures
                .read(kind.equals("onnx") ? OnnxModelLoader.BUNDLED_EVALUATION : HybridModel.EVALUATION_RESOURCE);

        assertThat(committed).containsKey("prose-set.polar-strict-accuracy");
        when().get("/api/model").then().body("evaluation.'prose-set.polar-strict-accuracy'",
                is(committed.get("prose-set.polar-strict-accuracy"))).body("evaluation.'prose-set.confusion'",
                        is(committed.get("prose-set.confusion")));
    }

    @Test
    void lagIsServedFromTheSharedRefreshNotReadPerCall() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/api/consumer/lag").then().statusCode(200)
                .body("partitions.size()", is(KafkaBrokerResource.PARTITIONS)));
        Set<Long> reads = new HashSet<>();
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            reads.add(when().get("/api/consumer/lag").then().statusCode(200).extract().jsonPath().getLong("readAtMs"));
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // The tests refresh every 500 ms: 50 calls may see a refresh per interval they span, never one per call.
        assertThat(reads).as("distinct reads over %d ms", elapsedMs).hasSizeLessThanOrEqualTo((int) (elapsedMs / 500) + 2);
    }

    @Test
    void aMissingQueryParameterIsAProblemDocument() {
        when().get("/api/partition-mapping").then().statusCode(400).contentType("application/problem+json").body("status", is(400))
                .body("title", is("Bad Request")).body("errors[0]", containsString("'key'"));
    }

    @Test
    void aBodyOverTheLimitIsAProblemDocument() {
        String request = "{\"id\":\"x\",\"text\":\"" + "y".repeat(1000) + "\"},";
        String body = "[" + request.repeat(11_000) + "{\"id\":\"z\",\"text\":\"z\"}]"; // 11 MiB
        Http.operator().contentType(ContentType.JSON).body(body).post("/api/requests").then().statusCode(413)
                .contentType("application/problem+json").body("status", is(413)).body("detail", containsString("10 MiB"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsAProblemDocumentAndAChunkedBodyWithinItIsRead() throws Exception {
        String request = "{\"id\":\"x\",\"text\":\"" + "y".repeat(1000) + "\"},";
        byte[] over = ("[" + request.repeat(11_000) + "{\"id\":\"z\",\"text\":\"z\"}]").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = postChunked("/api/requests", Http.OPERATOR, Http.OPERATOR_PASSWORD, over);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("10 MiB");
        HttpResponse<String> scored = postChunked("/api/score", Http.SCORER, Http.SCORER_PASSWORD,
                "[\"lovely\"]".getBytes(StandardCharsets.UTF_8));
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        assertThat(scored.body()).contains("\"label\"");
    }

    /** A POST whose body has no declared length: Java's client sends an input stream's body in chunks. */
    private static HttpResponse<String> postChunked(String path, String user, String password, byte[] body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aUriOverTheLimitIsAProblemDocument() {
        given().queryParam("key", "k".repeat(5000)).get("/api/partition-mapping").then().statusCode(414)
                .contentType("application/problem+json").body("status", is(414)).body("title", is("URI Too Long"));
        given().queryParam("key", "k".repeat(3000)).get("/api/partition-mapping").then().statusCode(200);
    }

    @Test
    void anUnknownPathIsAProblemDocument() {
        when().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json").body("status", is(404));
    }

    @Test
    void changingEndpointsAnswer401WithoutCredentialsAnd403WithoutTheOperatorRole() {
        given().contentType(ContentType.JSON).body("{\"id\":\"a\",\"text\":\"b\"}").post("/api/requests").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic")).contentType("application/problem+json")
                .body("detail", containsString("needs credentials"));
        given().auth().preemptive().basic("operator", "wrong").contentType(ContentType.JSON).body("{\"id\":\"a\",\"text\":\"b\"}")
                .post("/api/requests").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("not accepted"));
        given().contentType(ContentType.JSON).body("{\"all\":true}").post("/api/dlq/replay").then().statusCode(401);
        given().auth().preemptive().basic("reader", "test-reader").contentType(ContentType.JSON).body("{\"id\":\"a\",\"text\":\"b\"}")
                .post("/api/requests").then().statusCode(403).contentType("application/problem+json").body("status", is(403));
        given().auth().preemptive().basic("operator", "wrong").contentType(ContentType.JSON).body("{\"all\":true}").post("/api/dlq/replay")
                .then().statusCode(401);
    }

    @Test
    void malformedAndMistypedBodiesAreProblemsWithoutInternals() {
        Http.operator().contentType(ContentType.JSON).body("{not json").post("/api/requests").then().statusCode(400)
                .contentType("application/problem+json").body(not(containsString("com.fasterxml"))).body("status", is(400));
        Http.operator().contentType(ContentType.JSON).body("{\"max\":\"many\"}").post("/api/dlq/replay").then().statusCode(400)
                .contentType("application/problem+json").body(not(containsString("com.fasterxml")));
        Http.operator().contentType(ContentType.JSON).body("[{\"id\":\"ok\",\"text\":\"fine\"},{\"text\":\"no id\"}]").post("/api/requests")
                .then().statusCode(400).body("errors[0]", containsString("[1] invalid-request"));
    }

    @Test
    void aReplayNeedsCriteriaAndReportsWhatItDid() {
        Http.operator().contentType(ContentType.JSON).body("{}").post("/api/dlq/replay").then().statusCode(400)
                .body("errors[0]", containsString("\"all\": true"));
        Http.operator().contentType(ContentType.JSON).body("{\"bogus\":1}").post("/api/dlq/replay").then().statusCode(400);
        Http.operator().contentType(ContentType.JSON).body("{\"all\":true,\"max\":5}").post("/api/dlq/replay").then().statusCode(200)
                .body("limit", is(5)).body("replayed", notNullValue());
    }

    @Test
    void aMisspelledNarrowingFieldIsRefusedNotReadAsEverything() {
        Http.operator().contentType(ContentType.JSON).body("{\"all\":true,\"reasn\":\"timeout\"}").post("/api/dlq/replay").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0]", containsString("unknown field 'reasn'"))
                .body("errors[0]", containsString("reason"));
    }

    @Test
    void aDeadLetterFromAnAbortedTransactionIsNeverReplayed() {
        String marker = "aborted-" + UUID.randomUUID();
        long before = System.currentTimeMillis() - 1;
        try (KafkaProducer<byte[], byte[]> transactional = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, marker,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            transactional.initTransactions();
            transactional.beginTransaction();
            ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("sluice.dlq", marker.getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + marker + "\",\"text\":\"fine\"}").getBytes(StandardCharsets.UTF_8));
            letter.headers().add("sluice-error-reason", "processing-failed".getBytes(StandardCharsets.UTF_8));
            transactional.send(letter);
            transactional.flush();
            transactional.abortTransaction();
        }
        Http.operator().contentType(ContentType.JSON).body("{\"all\":true,\"rescan\":true,\"fromMs\":" + before + "}")
                .post("/api/dlq/replay").then().statusCode(200).body("replayed", is(0));
        try (TestKafka kafka = TestKafka.connect()) {
            assertThat(TestKafka.ids(kafka.readAll("sluice.requests"))).doesNotContain(marker);
        }
    }

    @Test
    void requestsPostedOverHttpAndSentThroughKafkaGetResults() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Http.operator().contentType(ContentType.JSON).body("[{\"id\":\"" + run + "-http\",\"text\":\"Great support!\",\"source\":\"web\"}]")
                .post("/api/requests").then().statusCode(202).body("accepted", is(1)).body("ids", hasItem(run + "-http"));
        Set<String> expected = new HashSet<>(Set.of(run + "-http"));
        try (TestKafka kafka = TestKafka.connect()) {
            for (int i = 0; i < 20; i++) {
                expected.add(run + "-" + i);
                kafka.send(new ProducerRecord<>("sluice.requests", ("k" + i % 3).getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":\"" + run + "-" + i + "\",\"text\":\"awful and slow\"}").getBytes(StandardCharsets.UTF_8)));
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.ids(kafka.readAll("sluice.results")).containsAll(expected));
            assertThat(kafka.readAll("sluice.results")).isNotEmpty();
        }
    }

    @Test
    void anAcknowledgedResultIsCountedUnderItsSourceAndLabel() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka kafka = TestKafka.connect()) {
            kafka.send(new ProducerRecord<>("sluice.requests", "counted".getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + run + "-counted\",\"text\":\"awful and slow\",\"source\":\"src-" + run + "\"}")
                            .getBytes(StandardCharsets.UTF_8)));
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.ids(kafka.readAll("sluice.results")).contains(run + "-counted"));
        }
        Pattern counted = Pattern.compile("(?m)^sluice_sentiment_total\\{[^}]*source=\"src-" + run + "\"[^}]*} ([0-9.]+)$");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Matcher matcher = counted.matcher(Http.management().get("/q/metrics").then().statusCode(200).extract().asString());
            double total = 0;
            while (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
            }
            assertThat(total).as("results counted for source src-%s", run).isEqualTo(1.0);
        });
    }

    @Test
    void everyStageOfAResultIsTimedAndNoRecordMovesIllegally() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka kafka = TestKafka.connect()) {
            kafka.send(new ProducerRecord<>("sluice.requests", "stages".getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + run + "-stages\",\"text\":\"fine\"}").getBytes(StandardCharsets.UTF_8)));
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.ids(kafka.readAll("sluice.results")).contains(run + "-stages"));
        }
        for (String stage : List.of("batch-wait", "model", "key-wait", "publish")) {
            Pattern count = Pattern.compile("(?m)^sluice_stage_duration_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*} ([0-9.]+)$");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Matcher matcher = count.matcher(Http.management().get("/q/metrics").then().statusCode(200).extract().asString());
                assertThat(matcher.find()).as("%s is on /q/metrics", stage).isTrue();
                assertThat(Double.parseDouble(matcher.group(1))).as("%s results timed", stage).isGreaterThan(0);
            });
        }
        Http.management().get("/q/metrics").then().body(containsString("sluice_records_illegal_transitions_total 0.0"));
    }

    @Test
    void lz4RequestsAreReadAndTheirResultsWrittenWithLz4JavasJniCodecInTheJvmAndItsJavaCodecNatively() throws Exception {
        String id = "lz4-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka kafka = TestKafka.connect();
                KafkaProducer<byte[], byte[]> lz4 = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerResource.bootstrapServers(), ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            lz4.send(new ProducerRecord<>("sluice.requests", "lz4".getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + id + "\",\"text\":\"a wonderful, lovely day\"}").getBytes(StandardCharsets.UTF_8))).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.ids(kafka.readAll("sluice.results")).contains(id));
        }
        // The JNI library comes out of lz4-java's jar at run time; the native executable keeps the pure-Java codec.
        String jni = nativeExecutable() ? "0.0" : "1.0";
        Http.management().get("/q/metrics").then().statusCode(200).body(containsString("sluice_lz4_native " + jni));
    }

    /** Whether this build's artifact, the one under test, is the native executable. */
    private static boolean nativeExecutable() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        return "native".equals(artifact.getProperty("type"));
    }

    @Test
    void textsPostedForScoringAreAnsweredInOrderByTheKafkaPathsModel() {
        String model = when().get("/api/model").then().statusCode(200).extract().path("id");
        Http.scorer().contentType(ContentType.JSON)
                .body("{\"texts\":[\"I love this, it is wonderful and great!\",\"Terrible, awful, the worst service ever.\",\"\"]}")
                .post("/api/score").then().statusCode(200).contentType(ContentType.JSON).body("size()", is(3))
                .body("[0].label", is("positive")).body("[1].label", is("negative")).body("[2].label", is("neutral"))
                .body("[0].model", is(model)).body("[1].score", lessThan(0f)).body("[0].score", greaterThan(0f));
        Http.operator().contentType(ContentType.JSON).body("[\"What a great day\"]").post("/api/score").then().statusCode(200)
                .body("[0].label", is("positive"));
        Http.management().get("/q/metrics").then().statusCode(200).body(containsString("sluice_score_texts_total"))
                .body(containsString("uri=\"/api/score\""));
    }

    @Test
    void aScoreBodyThatIsNotAListOfTextsIsAProblemNamingEachFault() {
        Http.scorer().contentType(ContentType.JSON).body("{\"texts\":[\"ok\"],\"model\":\"x\"}").post("/api/score").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0]", containsString("unknown field 'model'"));
        Http.scorer().contentType(ContentType.JSON).body("[\"ok\", 3, null]").post("/api/score").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0]", containsString("[1] must be a string"))
                .body("errors[1]", containsString("[2] must be a string"));
        Http.scorer().contentType(ContentType.JSON).body("[]").post("/api/score").then().statusCode(400).body("detail",
                containsString("1 to 256"));
        Http.scorer().contentType(ContentType.JSON).body("[\"" + "x".repeat(70_000) + "\"]").post("/api/score").then().statusCode(400)
                .body("errors[0]", containsString("over 65536 bytes"));
        Http.scorer().contentType(ContentType.JSON).body("{\"text\":\"one\"}").post("/api/score").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void scoringNeedsCredentialsAndTheScorerCannotChangeAnything() {
        given().contentType(ContentType.JSON).body("[\"hello\"]").post("/api/score").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("reader", "test-reader").contentType(ContentType.JSON).body("[\"hello\"]").post("/api/score")
                .then().statusCode(403).contentType("application/problem+json");
        Http.scorer().contentType(ContentType.JSON).body("{\"id\":\"a\",\"text\":\"b\"}").post("/api/requests").then().statusCode(403)
                .contentType("application/problem+json");
        Http.scorer().contentType(ContentType.JSON).body("{\"all\":true}").post("/api/dlq/replay").then().statusCode(403);
    }

    @Test
    void aRequestsTraceContextIsCarriedToItsResult() {
        String id = "traced-" + UUID.randomUUID();
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        try (TestKafka kafka = TestKafka.connect()) {
            ProducerRecord<byte[], byte[]> request = new ProducerRecord<>("sluice.requests", "traced".getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + id + "\",\"text\":\"lovely\"}").getBytes(StandardCharsets.UTF_8));
            request.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            request.headers().add("tracestate", "vendor=opaque".getBytes(StandardCharsets.UTF_8));
            kafka.send(request);
            kafka.flush();
            ConsumerRecord<byte[], byte[]> result = await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll("sluice.results")
                    .stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).findFirst().orElse(null),
                    notNullValue());
            assertThat(new String(result.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(traceparent);
            assertThat(new String(result.headers().lastHeader("tracestate").value(), StandardCharsets.UTF_8)).isEqualTo("vendor=opaque");
        }
    }
}
