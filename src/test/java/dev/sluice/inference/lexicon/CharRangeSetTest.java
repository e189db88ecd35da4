package dev.sluice.inference.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharRangeSetTest {

    @Test
    void aRangeOfAnotherTextFindsTheEqualEntry() {
        CharRangeSet set = new CharRangeSet("goodbadugly");
        int good = set.add(0, 4);
        int bad = set.add(4, 7);

        assertThat(set.find("so good!", 3, 7, false)).isEqualTo(good);
        assertThat(set.find("too bad", 4, 7, false)).isEqualTo(bad);
        assertThat(set.find("goo", 0, 3, false)).isEqualTo(-1);
        assertThat(set.find("goods", 0, 5, false)).isEqualTo(-1);
    }

    @Test
    void asciiLowerMatchesUpperCaseLettersOnly() {
        CharRangeSet set = new CharRangeSet("good:d");
        int good = set.add(0, 4);
        int smiley = set.add(4, 6);

        assertThat(set.find("GooD", 0, 4, true)).isEqualTo(good);
        assertThat(set.find("GooD", 0, 4, false)).isEqualTo(-1);
        assertThat(set.find(":D", 0, 2, true)).isEqualTo(smiley);
    }

    @Test
    void anEqualRangeIsKeptOnce() {
        CharRangeSet set = new CharRangeSet("ab ab");
        int first = set.add(0, 2);

        assertThat(set.add(3, 5)).isEqualTo(first);
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void everyEntryIsStillFoundAfterTheTableGrows() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            words.append("w").append(i).append(' ');
        }
        String source = words.toString();
        CharRangeSet set = new CharRangeSet(source);
        int start = 0;
        for (int i = 0; i < 5_000; i++) {
            int end = source.indexOf(' ', start);
            assertThat(set.add(start, end)).isEqualTo(i);
            start = end + 1;
        }

        for (int i = 0; i < 5_000; i++) {
            String probe = "[w" + i + "]";
            assertThat(set.find(probe, 1, probe.length() - 1, false)).isEqualTo(i);
        }
        assertThat(set.find("w5000", 0, 5, false)).isEqualTo(-1);
    }

    @Test
    void rangesWithEqualHashesAreToldApartByTheirCharacters() {
        CharRangeSet set = new CharRangeSet("AaBB"); // "Aa".hashCode() == "BB".hashCode()
        int aa = set.add(0, 2);
        int bb = set.add(2, 4);

        assertThat(bb).isNotEqualTo(aa);
        assertThat(set.find("xBB", 1, 3, false)).isEqualTo(bb);
        assertThat(set.find("Aa", 0, 2, false)).isEqualTo(aa);
        assertThat(set.find("C#", 0, 2, false)).isEqualTo(-1); // Same hash again, in no entry.
    }

    @Test
    void aRangeFoundByItsFoldedHashIsTheEntryFoundByItsCharacters() {
        CharRangeSet set = new CharRangeSet("goodbad");
        int good = set.add(0, 4);
        set.add(4, 7);
        String text = "so good";
        int hash = 0;
        for (int i = 3; i < 7; i++) {
            hash = CharRangeSet.hash(hash, text.charAt(i));
        }

        assertThat(set.find(text, 3, 7, hash)).isEqualTo(good).isEqualTo(set.find(text, 3, 7, false));
    }
}
