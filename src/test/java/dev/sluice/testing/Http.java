package dev.sluice.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests for the two HTTP surfaces: the ops API (8080 in production) and the management port (health, metrics). */
public final class Http {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "test-operator";
    public static final String SCORER = "scorer";
    public static final String SCORER_PASSWORD = "test-scorer";

    private Http() {
    }

    /** A request to the management interface (its test port, 9001 unless configured). */
    public static RequestSpecification management() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        return RestAssured.given().port(port);
    }

    /** A request with the credentials of the test user who may score but change nothing. */
    public static RequestSpecification scorer() {
        return RestAssured.given().auth().preemptive().basic(SCORER, SCORER_PASSWORD);
    }

    /** A request with the test operator's credentials. */
    public static RequestSpecification operator() {
        return RestAssured.given().auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD);
    }
}
