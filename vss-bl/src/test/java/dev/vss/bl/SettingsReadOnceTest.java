// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Settings are read in one place: no {@code src/main} file of any module reads an environment variable or a system
 * property except {@link Setting} and {@link VssSettings}; facts about the JVM ({@code java.*}, {@code os.*},
 * {@code user.*} and the separators) may be read anywhere.
 */
class SettingsReadOnceTest {
    /** Only these files read the process's settings. */
    private static final Set<String> READERS = Set.of("vss-bl/src/main/java/dev/vss/bl/Setting.java",
            "vss-bl/src/main/java/dev/vss/bl/VssSettings.java");
    private static final Pattern ANY_READ = Pattern.compile("System\\s*\\.\\s*getenv|System\\s*::\\s*(getenv|getProperty)"
            + "|System\\s*\\.\\s*getProperties\\s*\\(|(Integer\\s*\\.\\s*getInteger|Long\\s*\\.\\s*getLong"
            + "|Boolean\\s*\\.\\s*getBoolean)\\s*\\(");
    private static final Pattern PROPERTY = Pattern.compile("System\\s*\\.\\s*getProperty\\s*\\(\\s*(\"([^\"]*)\")?");
    private static final Pattern JVM_FACT = Pattern.compile("(java|os|user)\\..+|line\\.separator|file\\.separator"
            + "|path\\.separator");

    @Test
    void noConfigurationIsReadOutsideTheSettings() throws IOException {
        Path root = Path.of(System.getProperty("vss.root", "..")).toAbsolutePath().normalize();
        assertThat(root.resolve("vss-bl/src/main/java/dev/vss/bl/VssSettings.java")).as("the checkout").isRegularFile();
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(SettingsReadOnceTest::isMainSource).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (READERS.contains(rel)) {
                    continue;
                }
                scanned++;
                found.addAll(reads(rel, Files.readString(f)));
            }
        }
        assertThat(scanned).as("main sources scanned").isGreaterThan(200);
        assertThat(found).as("read these through Setting/VssSettings (lower layers: BaseSettings; storage: "
                + "StorageSettings)").isEmpty();
    }

    @Test
    void theScanSeesEveryKindOfRead() {
        String src = """
                String a = System.getenv("VSS_X");
                Map<String, String> b = System.getenv();
                String c = System.getProperty("vss.x");
                String d = System.getProperty(name);
                Integer e = Integer.getInteger("vss.y");
                UnaryOperator<String> f = System::getenv;
                String g = System.getProperty("java.io.tmpdir") + System.getProperty("os.arch", "")
                        + System.getProperty("user.home") + System.getProperty("line.separator");
                /* System.getenv("IN_A_COMMENT") */
                """;
        assertThat(reads("X.java", src)).hasSize(6).allMatch(s -> s.startsWith("X.java:"))
                .anyMatch(s -> s.contains("\"vss.x\"")).noneMatch(s -> s.contains("java.io.tmpdir"));
    }

    private static boolean isMainSource(Path f) {
        String s = f.toString().replace('\\', '/');
        return s.endsWith(".java") && s.contains("/src/main/") && !s.contains("/target/") && !s.contains("/.git/")
                && !s.contains("/.vss/") && !s.contains("/node_modules/");
    }

    /** Each read in {@code src} as {@code file:line: text}. */
    static List<String> reads(String file, String src) {
        String code = blankComments(src);
        List<String> out = new ArrayList<>();
        Matcher m = ANY_READ.matcher(code);
        while (m.find()) {
            out.add(at(file, code, m.start()));
        }
        Matcher p = PROPERTY.matcher(code);
        while (p.find()) {
            if (p.group(2) == null || !JVM_FACT.matcher(p.group(2)).matches()) {
                out.add(at(file, code, p.start()));
            }
        }
        return out;
    }

    private static String at(String file, String code, int pos) {
        int line = 1;
        for (int i = 0; i < pos; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        int start = code.lastIndexOf('\n', pos) + 1;
        int end = code.indexOf('\n', pos);
        return file + ":" + line + ": " + code.substring(start, end < 0 ? code.length() : end).strip();
    }

    /** Block comments (Javadoc included) become spaces, keeping line numbers. */
    private static String blankComments(String src) {
        StringBuilder sb = new StringBuilder(src);
        Matcher m = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL).matcher(src);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (sb.charAt(i) != '\n') {
                    sb.setCharAt(i, ' ');
                }
            }
        }
        return sb.toString();
    }
}
