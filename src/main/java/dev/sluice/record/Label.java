package dev.sluice.record;

import com.fasterxml.jackson.annotation.JsonValue;

/** The label written into results; its JSON form is lower case. */
public enum Label {

    POSITIVE("positive"), NEGATIVE("negative"), NEUTRAL("neutral");

    private final String json;

    Label(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** Scores strictly inside (-band, +band) are neutral. */
    public static Label of(double score, double neutralBand) {
        if (score >= neutralBand) {
            return POSITIVE;
        }
        if (score <= -neutralBand) {
            return NEGATIVE;
        }
        return NEUTRAL;
    }
}
