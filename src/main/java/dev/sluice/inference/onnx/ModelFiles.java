package dev.sluice.inference.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a model's files come from: a directory the user mounts, or class-path resources for the
 * bundled model. Files are named as in a model directory ({@code model.onnx}, {@code tokenizer.json},
 * {@code sluice-model.json}, the head); a missing one fails with its full name.
 */
public interface ModelFiles {

    String MODEL = "model.onnx";
    String TOKENIZER = "tokenizer.json";
    String DESCRIPTOR = "sluice-model.json";
    /** An Optimum export's model configuration: {@code id2label} and {@code _name_or_path}. */
    String OPTIMUM_CONFIG = "config.json";
    /** An Optimum export's tokenizer settings: {@code model_max_length}. */
    String TOKENIZER_CONFIG = "tokenizer_config.json";

    /** Where a file lives, for error messages: a path or a class-path resource. */
    String describe(String file);

    /** Whether the model has this file. */
    boolean has(String file);

    InputStream open(String file) throws IOException;

    default byte[] read(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(describe(file) + ": no such file");
        } catch (IOException e) {
            throw new InvalidModelException(describe(file) + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static ModelFiles directory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidModelException(directory + " (sluice.model.onnx.path): not a directory");
        }
        return new ModelFiles() {

            @Override
            public String describe(String file) {
                return directory.resolve(file).toString();
            }

            @Override
            public boolean has(String file) {
                return Files.isRegularFile(directory.resolve(file));
            }

            @Override
            public InputStream open(String file) throws IOException {
                return Files.newInputStream(directory.resolve(file));
            }
        };
    }

    /** Files named as in a model directory, read from class-path resources of other names. */
    static ModelFiles classPath(Map<String, String> resources) {
        return new ModelFiles() {

            @Override
            public String describe(String file) {
                return "class-path resource " + resources.getOrDefault(file, file);
            }

            @Override
            public boolean has(String file) {
                return resources.containsKey(file) && ModelFiles.class.getClassLoader().getResource(resources.get(file)) != null;
            }

            @Override
            public InputStream open(String file) throws IOException {
                String resource = resources.get(file);
                InputStream in = resource == null ? null : ModelFiles.class.getClassLoader().getResourceAsStream(resource);
                if (in == null) {
                    throw new NoSuchFileException(describe(file));
                }
                return in;
            }
        };
    }

    /** Parses a JSON file; a syntax error names the file, line and column. */
    default com.fasterxml.jackson.databind.JsonNode json(String file) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(read(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new InvalidModelException(describe(file) + ": not valid JSON at line " + (at == null ? "?" : at.getLineNr()) + ", column "
                    + (at == null ? "?" : at.getColumnNr()) + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidModelException(describe(file) + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
