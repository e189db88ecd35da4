package dev.sluice.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCapTest {

    @Test
    void shortTextsAreUntouched() {
        assertThat(TextCap.cap("abc", 3)).isEqualTo("abc");
    }

    @Test
    void longTextsAreCutToTheLimit() {
        assertThat(TextCap.cap("abcdef", 4)).isEqualTo("abcd");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "ab\uD83D\uDE00cd"; // An emoji is two UTF-16 units.
        assertThat(TextCap.cap(text, 3)).isEqualTo("ab");
    }
}
