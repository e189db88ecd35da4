package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.record.FailureReason;
import dev.sluice.record.SentimentRequest;

class RequestParserTest {

    private final RequestParser parser = new RequestParser(new ObjectMapper(), 1024);

    private SentimentRequest parse(String json) throws BadRequestException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void allFieldsAreReadAndUnknownOnesIgnored() throws Exception {
        SentimentRequest request = parse("{\"id\":\"r1\",\"text\":\"hi\",\"timestamp\":123,\"source\":\"web\",\"priority\":\"high\","
                + "\"metadata\":{\"a\":[1,{\"b\":2}]},\"extra\":{\"deep\":[1,2]}}");
        assertThat(request.id()).isEqualTo("r1");
        assertThat(request.text()).isEqualTo("hi");
        assertThat(request.timestamp()).isEqualTo(123L);
        assertThat(request.source()).isEqualTo("web");
        assertThat(request.priority()).isEqualTo("high");
        assertThat(request.metadata().toString()).isEqualTo("{\"a\":[1,{\"b\":2}]}");
    }

    @Test
    void anEmptyTextIsValid() throws Exception {
        assertThat(parse("{\"id\":\"r\",\"text\":\"\"}").text()).isEmpty();
    }

    @Test
    void optionalFieldsOfTheWrongTypeAreTreatedAsAbsent() throws Exception {
        SentimentRequest request = parse("{\"id\":\"r\",\"text\":\"t\",\"timestamp\":\"soon\",\"source\":5,\"metadata\":[1]}");
        assertThat(request.timestamp()).isNull();
        assertThat(request.source()).isNull();
        assertThat(request.metadata()).isNull();
    }

    @Test
    void aValueOverTheLimitIsTooLarge() {
        assertThatThrownBy(() -> parser.parse(new byte[1025]))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.TOO_LARGE));
    }

    @Test
    void aNullValueIsInvalid() {
        assertThatThrownBy(() -> parser.parse(null)).hasMessageContaining("null");
    }

    @Test
    void aMistypedIdSaysWhatItGot() {
        assertThatThrownBy(() -> parse("{\"id\":{},\"text\":\"t\"}")).hasMessage("field 'id' must be a string, got an object");
    }

    @Test
    void anIdOfMoreThan128CharactersIsInvalid() {
        assertThatThrownBy(() -> parse("{\"id\":\"" + "i".repeat(129) + "\",\"text\":\"t\"}")).hasMessageContaining("1 to 128");
    }

    @Test
    void anIdOfExactly128CharactersIsValid() throws Exception {
        assertThat(parse("{\"id\":\"" + "i".repeat(128) + "\",\"text\":\"t\"}").id()).hasSize(128);
    }

    @Test
    void truncatedJsonIsInvalid() {
        assertThatThrownBy(() -> parse("{\"id\":\"r\",\"text\":\"t\""))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.INVALID_REQUEST));
    }

    @Test
    void aJsonStringIsNotARequest() {
        assertThatThrownBy(() -> parse("\"text\"")).hasMessage("request must be a JSON object, got a string");
    }
}
