package dev.sluice.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The per-message JSONL files: one {@link MessageOutcome} per line. */
public final class Jsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jsonl() {
    }

    public static void write(Path file, List<MessageOutcome> outcomes) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (MessageOutcome outcome : outcomes) {
                out.write(JSON.writeValueAsString(outcome));
                out.newLine();
            }
        }
    }

    public static List<MessageOutcome> read(Path file) throws IOException {
        List<MessageOutcome> out = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readValue(line, MessageOutcome.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(file + " line " + number + " is not a message outcome: " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }
}
