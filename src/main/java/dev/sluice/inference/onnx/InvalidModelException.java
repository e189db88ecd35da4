package dev.sluice.inference.onnx;

/** A model directory that cannot be loaded; the message names the file and what is wrong with it. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
