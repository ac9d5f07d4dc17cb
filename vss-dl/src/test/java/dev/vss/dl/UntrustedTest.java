// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UntrustedTest {
    @Test
    void shortTextIsKeptAsItIs() {
        assertThat(Untrusted.clip("cams/front door/é#&$[1].jpg")).isEqualTo("cams/front door/é#&$[1].jpg");
        assertThat(Untrusted.quote("a b")).isEqualTo("'a b'");
        assertThat(Untrusted.clip(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        String ten = "x".repeat(10_000_000);
        assertThat(Untrusted.clip(ten)).hasSize(Untrusted.DEFAULT_MAX + 1).endsWith("x…");
        assertThat(Untrusted.clip("abcdef", 3)).isEqualTo("abc…");
        assertThat(Untrusted.clip("abc", 3)).isEqualTo("abc");
        assertThatThrownBy(() -> Untrusted.clip("a", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max: 0");
    }

    @Test
    void invisibleCharactersAreEscapedSoALogLineCannotBeForged() {
        assertThat(Untrusted.clip("a\nINFO forged\r\tb")).isEqualTo("a\\nINFO forged\\r\\tb");
        assertThat(Untrusted.clip("\u001b[31mred")).isEqualTo("\\u001b[31mred");
        assertThat(Untrusted.clip("x\u202ey")).isEqualTo("x\\u202ey"); // right-to-left override
        assertThat(Untrusted.clip("x\u2028y")).isEqualTo("x\\u2028y"); // line separator
        assertThat(Untrusted.clip("\ud800z")).isEqualTo("\\ud800z"); // lone surrogate
        assertThat(Untrusted.clip("😀😀", 1)).isEqualTo("😀…"); // a pair is one character, never split
    }

    @Test
    void escapesCountTowardTheLimit() {
        // found by EnvelopeFuzzTest: a key id of NULs grew six-fold once escaped
        assertThat(Untrusted.clip("\u0000".repeat(1000))).hasSize(Untrusted.DEFAULT_MAX / 6 * 6 + 1)
                .startsWith("\\u0000\\u0000").endsWith("…");
        assertThat(Untrusted.clip("ab\ncd", 3)).isEqualTo("ab…"); // "\\n" would take the count to 4
        assertThat(Untrusted.clip("ab\ncd", 4)).isEqualTo("ab\\n…");
    }
}
