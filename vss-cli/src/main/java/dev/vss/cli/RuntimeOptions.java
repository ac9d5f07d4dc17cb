// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.Setting;
import dev.vss.bl.VssSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Options shared by the commands that run the pipeline. Each flag, when given, overrides its setting; when not given,
 * the environment and system properties decide ({@link VssSettings#fromEnvironment()}, the README's table). The flags
 * are derived from {@link Setting}: name, help and parsing ({@link VssSettings.Builder#optText}) come from there, so a
 * setting's flag is one entry in {@link #FLAGS}.
 */
@Command
final class RuntimeOptions {
    /** The settings these commands take as flags. */
    static final List<Setting> FLAGS = List.of(Setting.ENGINE, Setting.THREADS, Setting.PRECISION, Setting.FACE_SOURCE,
            Setting.ANALYZE_COVERED, Setting.CACHE_DIR, Setting.MODELS_DIR, Setting.MAX_IMAGE_BYTES, Setting.MAX_PIXELS,
            Setting.MIN_PERSON_PX, Setting.PEOPLE_METHOD);

    private final Map<Setting, String> given = new EnumMap<>(Setting.class);

    /** Adds the {@link #FLAGS} to the command this mixin is part of (picocli calls it when it builds the command). */
    @Spec(Spec.Target.MIXEE)
    void addFlags(CommandSpec command) {
        for (Setting s : FLAGS) {
            boolean onOff = s == Setting.ANALYZE_COVERED; // a switch: given means on
            ITypeConverter<String> check = text -> {
                try {
                    VssSettings.builder().optText(s, text); // refused now, as a typed option was
                    return text;
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            };
            OptionSpec.Builder o = OptionSpec.builder(s.flag()).description(help(s)).setter(new ISetter() {
                @Override
                public <T> T set(T value) {
                    if (value instanceof String text) {
                        given.put(s, text);
                    } else if (Boolean.TRUE.equals(value)) {
                        given.put(s, "true");
                    }
                    return null;
                }
            });
            command.addOption(onOff ? o.arity("0").type(boolean.class).build()
                    : o.arity("1").type(String.class).paramLabel("<" + s.flag().substring(2) + ">").converters(check)
                            .build());
        }
    }

    /** A flag's help: the setting's meaning, variable and default (the README table's row, without Markdown). */
    static String help(Setting s) {
        return (s.description() + " (" + s.env() + "; default: " + s.defaultText() + ")").replace("`", "");
    }

    /** The flags given, as one builder over the defaults (for the few values commands read directly). */
    private VssSettings flagsOnly() {
        VssSettings.Builder b = VssSettings.builder();
        given.forEach(b::optText);
        return b.build();
    }

    /** {@code --threads} if given, else null. */
    Integer threads() {
        return given.containsKey(Setting.THREADS) ? flagsOnly().threads() : null;
    }

    /** {@code --precision} if given, else null. */
    String precision() {
        return given.containsKey(Setting.PRECISION) ? flagsOnly().precision() : null;
    }

    /** The environment's settings with the flags that were given applied, installed for the layers below. */
    VssSettings.Builder settings() {
        VssSettings.Builder b = VssSettings.fromEnvironment().toBuilder();
        given.forEach(b::optText);
        b.build().install(); // the flags win below vss-bl too (engine, models folder, pixel limit)
        return b;
    }

}
