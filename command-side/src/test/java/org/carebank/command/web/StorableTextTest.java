package org.carebank.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {

    @ParameterizedTest(name = "U+{0} is refused in any field")
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
    @DisplayName("control characters (C0 but tab/newline/CR, DEL, C1) are refused even in free text")
    void controlCharacters(int codePoint) {
        String text = "client in hospital" + (char) codePoint;
        assertThat(StorableText.problem(text, true))
                .hasValueSatisfying(why -> assertThat(why).contains(String.format("U+%04X", codePoint)));
        assertThat(StorableText.problem(text, false)).isPresent();
    }

    @Test
    @DisplayName("tab, newline and carriage return are kept in free text, refused elsewhere")
    void lineLayout() {
        String text = "first line\r\nsecond\tline\n";
        assertThat(StorableText.problem(text, true)).isEmpty();
        assertThat(StorableText.problem("north\tzone", false))
                .hasValueSatisfying(why -> assertThat(why).contains("U+0009").contains("free-text"));
        assertThat(StorableText.problem("C-1001\n", false)).isPresent();
        assertThat(StorableText.problem("C-1001\r", false)).isPresent();
    }

    @Test
    @DisplayName("unpaired surrogates are refused, a well-formed pair is text")
    void surrogates() {
        assertThat(StorableText.problem("a\uD800", true))
                .hasValueSatisfying(why -> assertThat(why).contains("U+D800"));
        assertThat(StorableText.problem("\uDC00b", true))
                .hasValueSatisfying(why -> assertThat(why).contains("U+DC00"));
        assertThat(StorableText.problem("\uDC00\uD800", true)).isPresent();
        assertThat(StorableText.problem("client smiled \uD83D\uDE00", true)).isEmpty();
    }

    @ParameterizedTest(name = "U+{0} is refused")
    @ValueSource(ints = {0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF})
    @DisplayName("non-characters are refused")
    void nonCharacters(int codePoint) {
        String text = "note " + Character.toString(codePoint);
        assertThat(StorableText.problem(text, true))
                .hasValueSatisfying(why -> assertThat(why).contains(String.format("U+%04X", codePoint)));
    }

    @Test
    @DisplayName("the characters next to each refused range are text")
    void neighbours() {
        assertThat(StorableText.problem("\u0020~\u00A0\uFDCF\uFDF0\uFFFD\uD83F\uDFFD é ü ł", false))
                .isEmpty();
        assertThat(StorableText.problem("", false)).isEmpty();
    }
}
