// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The list of every model vss uses, one {@link CatalogEntry} per (model, precision), read from the bundled resource
 * {@code dev/vss/models/catalog.tsv} (its header comment documents the format).
 *
 * <p>Immutable and thread-safe; {@link #load()} parses the resource once per class loader and returns the same
 * instance afterwards.
 *
 * <pre>{@code
 * ModelCatalog catalog = ModelCatalog.load();
 * CatalogEntry pose = catalog.defaultFor(Task.BODY_POSE);           // human-pose-estimation-0001/FP16-INT8
 * CatalogEntry fd = catalog.get("face-detection-retail-0004", "FP32");
 * Path xml = ModelRepository.fromEnvironment().resolve(fd);          // verified by size and sha256
 * }</pre>
 */
public final class ModelCatalog {
    static final String RESOURCE = "catalog.tsv";
    static final List<String> HEADER = List.of("name", "precision", "task", "format", "default", "files",
            "input_name", "input_type", "input_shape", "layout", "colour", "mean", "scale", "outputs", "licence",
            "source_url", "note");

    private static final Object LOCK = new Object();
    private static volatile ModelCatalog bundled;

    private final List<CatalogEntry> entries;
    private final Map<String, Map<String, CatalogEntry>> byName;
    private final Map<Task, CatalogEntry> defaults;

    private ModelCatalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, Map<String, CatalogEntry>> names = new LinkedHashMap<>();
        Map<Task, CatalogEntry> defs = new EnumMap<>(Task.class);
        for (CatalogEntry e : this.entries) {
            CatalogEntry dup = names.computeIfAbsent(e.name(), n -> new LinkedHashMap<>()).putIfAbsent(e.precision(), e);
            if (dup != null) {
                throw new IllegalArgumentException("entries: duplicate " + e.id());
            }
            if (e.isDefault()) {
                CatalogEntry other = defs.putIfAbsent(e.task(), e);
                if (other != null) {
                    throw new IllegalArgumentException("entries: two defaults for " + e.task() + ": " + other.id()
                            + " and " + e.id());
                }
            }
        }
        names.replaceAll((n, m) -> Collections.unmodifiableMap(m));
        this.byName = Collections.unmodifiableMap(names);
        this.defaults = Collections.unmodifiableMap(defs);
    }

    /**
     * The bundled catalog, parsed on first use and cached.
     *
     * @throws IllegalStateException if the resource is missing or malformed (a build defect), with the line number
     */
    public static ModelCatalog load() {
        ModelCatalog c = bundled;
        if (c == null) {
            synchronized (LOCK) {
                c = bundled;
                if (c == null) {
                    c = loadResource();
                    bundled = c;
                }
            }
        }
        return c;
    }

    private static ModelCatalog loadResource() {
        InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("model catalog resource dev/vss/models/" + RESOURCE
                    + " is not on the class path (broken vss-models jar?)");
        }
        ModelCatalog c;
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            c = parse(r, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model catalog " + RESOURCE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid bundled model catalog: " + e.getMessage(), e);
        }
        // Pipelines rely on defaultFor(task) never failing with the bundled catalog.
        for (Task t : Task.values()) {
            if (!c.defaults.containsKey(t)) {
                throw new IllegalStateException("invalid bundled model catalog: no default model for " + t);
            }
        }
        return c;
    }

    /** A catalog of the given entries (unique by name and precision, at most one default per task). */
    static ModelCatalog of(List<CatalogEntry> entries) {
        return new ModelCatalog(Objects.requireNonNull(entries, "entries"));
    }

    /**
     * Parses the catalog format (see the header of {@code catalog.tsv}).
     *
     * @throws IllegalArgumentException naming the source and line of the first malformed line
     */
    static ModelCatalog parse(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<CatalogEntry> list = new ArrayList<>();
        boolean headerSeen = false;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            try {
                if (!headerSeen) {
                    // The header pins the column order so a shifted column fails here, not as a wrong value later.
                    if (!Arrays.asList(cols).equals(HEADER)) {
                        throw new IllegalArgumentException("expected header " + String.join("<TAB>", HEADER)
                                + ", got " + line.replace("\t", "<TAB>"));
                    }
                    headerSeen = true;
                    continue;
                }
                list.add(parseEntry(cols));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(source + ": no header line");
        }
        try {
            return new ModelCatalog(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static CatalogEntry parseEntry(String[] c) {
        if (c.length != HEADER.size()) {
            throw new IllegalArgumentException("expected " + HEADER.size() + " tab-separated columns, got " + c.length);
        }
        List<ModelFile> files = new ArrayList<>();
        for (String f : c[5].split("\\|", -1)) {
            // path:bytes:sha256, split from the right so that the path part is taken whole.
            int b = f.lastIndexOf(':');
            int a = b < 0 ? -1 : f.lastIndexOf(':', b - 1);
            if (a < 0) {
                throw new IllegalArgumentException("files: expected path:bytes:sha256, got '" + f + "'");
            }
            files.add(new ModelFile(f.substring(0, a), parseLong(f.substring(a + 1, b), "files bytes"),
                    f.substring(b + 1)));
        }
        InputSpec input = new InputSpec(c[6], parseDims(c[8], "input_shape"), c[9], c[10], parseFloats(c[11], "mean"),
                parseFloats(c[12], "scale"), c[7]);
        List<OutputSpec> outputs = new ArrayList<>();
        for (String o : c[13].split(";", -1)) {
            int open = o.lastIndexOf('[');
            if (open <= 0 || !o.endsWith("]")) {
                throw new IllegalArgumentException("outputs: expected name[dims], got '" + o + "'");
            }
            outputs.add(new OutputSpec(o.substring(0, open), parseDims(o.substring(open + 1, o.length() - 1), "outputs")));
        }
        URI url;
        try {
            url = new URI(c[15]);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("source_url: " + e.getMessage(), e);
        }
        boolean isDefault = switch (c[4]) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("default: expected yes or no, got '" + c[4] + "'");
        };
        return new CatalogEntry(c[0], c[1], parseEnum(Task.class, c[2], "task"), parseEnum(Format.class, c[3], "format"),
                files, input, outputs, c[14], url, isDefault, c[16]);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String s, String what) {
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": expected one of " + Arrays.toString(type.getEnumConstants())
                    + ", got '" + s + "'", e);
        }
    }

    private static long parseLong(String s, String what) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not an integer: '" + s + "'", e);
        }
    }

    private static long[] parseDims(String s, String what) {
        String[] parts = s.split(",", -1);
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = parseLong(parts[i], what);
        }
        return dims;
    }

    private static float[] parseFloats(String s, String what) {
        String[] parts = s.split(",", -1);
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": not a number: '" + parts[i] + "'", e);
            }
        }
        return v;
    }

    /** All entries in catalog order. */
    public List<CatalogEntry> entries() {
        return entries;
    }

    /** All entries of one task, in catalog order. */
    public List<CatalogEntry> entries(Task task) {
        Objects.requireNonNull(task, "task");
        return entries.stream().filter(e -> e.task() == task).toList();
    }

    /** Distinct model names in catalog order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The precisions catalogued for a model, in catalog order.
     *
     * @throws IllegalArgumentException if the name is unknown, listing the valid names
     */
    public List<String> precisions(String name) {
        return List.copyOf(precisionsOf(name).keySet());
    }

    private Map<String, CatalogEntry> precisionsOf(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, CatalogEntry> m = byName.get(name);
        if (m == null) {
            throw new IllegalArgumentException("name: unknown model '" + name + "'; valid names: "
                    + String.join(", ", byName.keySet()));
        }
        return m;
    }

    /** The entry for a model at a precision, if catalogued. */
    public Optional<CatalogEntry> find(String name, String precision) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(precision, "precision");
        Map<String, CatalogEntry> m = byName.get(name);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(precision));
    }

    /**
     * The entry for a model at a precision.
     *
     * @throws IllegalArgumentException if not catalogued, listing the valid names or the model's valid precisions
     */
    public CatalogEntry get(String name, String precision) {
        Objects.requireNonNull(precision, "precision");
        Map<String, CatalogEntry> m = precisionsOf(name);
        CatalogEntry e = m.get(precision);
        if (e == null) {
            throw new IllegalArgumentException("precision: model '" + name + "' has no precision '" + precision
                    + "'; valid precisions: " + String.join(", ", m.keySet())
                    + (m.containsKey(precision.toUpperCase(Locale.ROOT)) ? " (precisions are upper case)" : ""));
        }
        return e;
    }

    /**
     * The default model of a task.
     *
     * @throws IllegalStateException if this catalog has no default for the task (never for {@link #load()})
     */
    public CatalogEntry defaultFor(Task task) {
        Objects.requireNonNull(task, "task");
        CatalogEntry e = defaults.get(task);
        if (e == null) {
            throw new IllegalStateException("no default model for " + task + " in this catalog");
        }
        return e;
    }

    /**
     * The default model of a task at {@code precision} if the catalog has that precision of it, else at its default
     * precision; {@code precision} null means the default.
     */
    public CatalogEntry defaultFor(Task task, String precision) {
        CatalogEntry def = defaultFor(task);
        return precision == null ? def : find(def.name(), precision).orElse(def);
    }

    @Override
    public String toString() {
        return "ModelCatalog[" + entries.size() + " entries, " + byName.size() + " models]";
    }
}
