// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The price tables: JSON data files of {@link PriceRow}s ({@code aws-lambda.json}, {@code azure-functions-flex.json},
 * {@code gcp-cloud-run-functions.json}, {@code aws-rekognition.json}) shipped in this package, or read from a folder
 * of such files. Immutable and thread-safe.
 */
public final class PriceTables {
    /** The files shipped with vss. */
    public static final List<String> SHIPPED = List.of("aws-lambda.json", "azure-functions-flex.json",
            "gcp-cloud-run-functions.json", "aws-rekognition.json");

    private final Map<String, JsonNode> offerings;
    private final List<PriceRow> rows;

    private PriceTables(Map<String, JsonNode> offerings, List<PriceRow> rows) {
        this.offerings = offerings;
        this.rows = List.copyOf(rows);
    }

    /** The tables shipped with vss. */
    public static PriceTables shipped() {
        List<JsonNode> docs = new ArrayList<>();
        for (String f : SHIPPED) {
            try (InputStream in = PriceTables.class.getResourceAsStream(f)) {
                if (in == null) {
                    throw new IllegalStateException("price table " + f + " missing from the class path");
                }
                docs.add(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("price table " + f + ": " + e.getMessage(), e);
            }
        }
        return of(docs, "shipped tables");
    }

    /** Every {@code *.json} price table in a folder. */
    public static PriceTables read(Path dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                try {
                    docs.add(new ObjectMapper().readTree(p.toFile()));
                } catch (IOException e) {
                    throw new IOException("price table " + p + " is not valid JSON: " + e.getMessage(), e);
                }
            }
        }
        if (docs.isEmpty()) {
            throw new IOException("no *.json price table in " + dir);
        }
        return of(docs, dir.toString());
    }

    private static PriceTables of(List<JsonNode> docs, String where) {
        Map<String, JsonNode> offerings = new LinkedHashMap<>();
        List<PriceRow> rows = new ArrayList<>();
        for (JsonNode d : docs) {
            for (JsonNode o : d.path("offerings")) {
                offerings.put(o.path("id").asText(), o);
            }
            for (JsonNode r : d.path("rows")) {
                if (!r.path("value").isNumber()) {
                    throw new IllegalArgumentException(where + ": row " + r + " has no numeric value");
                }
                rows.add(new PriceRow(r.path("offering").asText(), r.path("item").asText(), r.path("value").asDouble(),
                        r.path("unit").asText(""), r.path("source").asText(""), r.path("as_of").asText(""),
                        r.path("status").asText(""), r.path("note").asText("")));
            }
        }
        for (PriceRow r : rows) {
            if (!offerings.containsKey(r.offering())) {
                throw new IllegalArgumentException(where + ": row " + r.item() + " names unknown offering " + r.offering());
            }
        }
        return new PriceTables(offerings, rows);
    }

    public List<PriceRow> rows() {
        return rows;
    }

    public List<String> offeringIds() {
        return List.copyOf(offerings.keySet());
    }

    /** The rows of one offering. */
    public List<PriceRow> rows(String offering) {
        return rows.stream().filter(r -> r.offering().equals(offering)).toList();
    }

    /** One figure, or the default when the table has none. */
    public double value(String offering, String item, double dflt) {
        return rows(offering).stream().filter(r -> r.item().equals(item)).mapToDouble(PriceRow::value).findFirst()
                .orElse(dflt);
    }

    /** One figure that must be there. */
    public double require(String offering, String item) {
        return rows(offering).stream().filter(r -> r.item().equals(item)).mapToDouble(PriceRow::value).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("price table: " + offering + " has no " + item));
    }

    /** The function offering with this id, its billing rules assembled from the rows. */
    public Offering offering(String id) {
        JsonNode o = offerings.get(id);
        if (o == null) {
            throw new IllegalArgumentException("no offering '" + id + "' in the price tables; known: " + offerings.keySet());
        }
        List<PriceRow> rs = rows(id);
        List<Integer> sizes = rs.stream().filter(r -> r.item().equals("instance_memory_mb")).map(r -> (int) r.value())
                .toList();
        TreeMap<Integer, Double> table = new TreeMap<>();
        rs.stream().filter(r -> r.item().startsWith("vcpu_at_mb_"))
                .forEach(r -> table.put(Integer.parseInt(r.item().substring("vcpu_at_mb_".length())), r.value()));
        int minMb = (int) value(id, "memory_min_mb", sizes.isEmpty() ? 128 : sizes.stream().min(Integer::compare).get());
        int maxMb = (int) value(id, "memory_max_mb", sizes.isEmpty() ? 10240 : sizes.stream().max(Integer::compare).get());
        return new Offering(id, o.path("provider").asText(), o.path("service").asText(), o.path("architecture").asText(),
                o.path("region").asText(), value(id, "usd_per_gb_second", 0), value(id, "usd_per_vcpu_second", 0),
                value(id, "usd_per_request", 0), value(id, "free_gb_seconds_per_month", 0),
                value(id, "free_vcpu_seconds_per_month", 0), value(id, "free_requests_per_month", 0),
                (int) value(id, "billing_granularity_ms", 1), (int) value(id, "minimum_billed_ms", 0),
                value(id, "init_billed", 1) != 0, minMb, maxMb, sizes, value(id, "mb_per_vcpu", 1769),
                value(id, "max_vcpu", 6), table, rs);
    }
}
