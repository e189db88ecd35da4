package dev.sluice.config;

import java.util.List;

/**
 * The reactive-messaging channels sluice consumes; their connector settings are the
 * {@code mp.messaging.incoming.<channel>.*} properties in application.properties.
 */
public final class Channels {

    /** The requests topic's channel. */
    public static final String REQUESTS = "requests";
    /** The retry topic's channel: its own consumer group and in-flight budget. */
    public static final String RETRIES = "retries";
    /** Every consumed channel, requests first. */
    public static final List<String> CONSUMED = List.of(REQUESTS, RETRIES);

    private Channels() {
    }
}
