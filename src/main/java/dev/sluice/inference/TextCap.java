package dev.sluice.inference;

/** Cuts texts to {@code sluice.model.max-chars} without splitting a surrogate pair. */
public final class TextCap {

    private TextCap() {
    }

    public static String cap(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
