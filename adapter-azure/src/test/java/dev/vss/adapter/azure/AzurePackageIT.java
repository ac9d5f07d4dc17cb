// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What azure-functions:package wrote and what the zip carries: one function.json per function with the right
 * trigger, auth level and entry point; host.json's timeout and extension bundle; the natives; and no other cloud's
 * SDK (nor Spring) in any jar.
 */
class AzurePackageIT {
    static final String CLASS = "dev.vss.adapter.azure.VssAzureFunctions";

    static Path pkg() {
        return AzureFunctionsIT.pkg();
    }

    static JsonNode function(String name) throws Exception {
        return ResultJson.mapper().readTree(pkg().resolve(name).resolve("function.json").toFile());
    }

    @Test
    void functionJsonBindings() throws Exception {
        Map<String, String> entryPoints = new TreeMap<>();
        try (Stream<Path> s = Files.list(pkg())) {
            for (Path d : s.filter(p -> Files.isRegularFile(p.resolve("function.json"))).toList()) {
                JsonNode f = function(d.getFileName().toString());
                entryPoints.put(d.getFileName().toString(), f.path("entryPoint").asText());
                assertThat(pkg().resolve(d.getFileName().toString()).resolve(f.path("scriptFile").asText()).normalize())
                        .isRegularFile().hasFileName("vss-adapter-azure-0.1.0-SNAPSHOT.jar");
            }
        }
        assertThat(entryPoints).containsExactlyEntriesOf(new TreeMap<>(Map.of("vss-blob", CLASS + ".blob",
                "vss-eventgrid", CLASS + ".eventGrid", "vss-http", CLASS + ".http", "vss-warmup", CLASS + ".warmup")));

        JsonNode eg = function("vss-eventgrid").path("bindings");
        assertThat(eg).hasSize(1);
        assertThat(eg.get(0).path("type").asText()).isEqualTo("eventGridTrigger");
        assertThat(eg.get(0).path("direction").asText()).isEqualTo("in");

        JsonNode blob = function("vss-blob").path("bindings").get(0);
        assertThat(blob.path("type").asText()).isEqualTo("blobTrigger");
        assertThat(blob.path("source").asText()).isEqualTo("EventGrid"); // what Flex Consumption supports
        assertThat(blob.path("path").asText()).isEqualTo("%VSS_BLOB_PATH%");
        assertThat(blob.path("connection").asText()).isEqualTo("VSS_BLOB_CONNECTION");
        assertThat(blob.path("dataType").asText()).isEqualTo("binary");

        JsonNode http = function("vss-http").path("bindings");
        assertThat(http.get(0).path("type").asText()).isEqualTo("httpTrigger");
        assertThat(http.get(0).path("authLevel").asText()).isEqualTo("FUNCTION"); // a function key, never anonymous
        assertThat(http.get(0).path("methods")).extracting(JsonNode::asText).containsExactly("POST");
        assertThat(http.get(0).path("route").asText()).isEqualTo("analyze");
        assertThat(http.get(0).path("dataType").asText()).isEqualTo("binary");
        assertThat(http.get(1).path("type").asText()).isEqualTo("http");
        assertThat(http.get(1).path("name").asText()).isEqualTo("$return");

        assertThat(function("vss-warmup").path("bindings").get(0).path("type").asText()).isEqualTo("warmupTrigger");
    }

    @Test
    void hostJson() throws Exception {
        JsonNode host = ResultJson.mapper().readTree(pkg().resolve("host.json").toFile());
        assertThat(host.path("version").asText()).isEqualTo("2.0");
        assertThat(host.path("functionTimeout").asText()).isEqualTo("00:10:00");
        assertThat(host.path("extensionBundle").path("id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(host.path("extensions").path("http").path("routePrefix").asText()).isEqualTo("api");
    }

    @Test
    void theZipCarriesTheNativesAndOnlyAzuresSdk() throws Exception {
        Path zip = pkg().resolveSibling("vss-azure.zip");
        List<String> names = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().map(ZipEntry::getName).forEach(names::add);
        }
        assertThat(names).anyMatch(n -> n.startsWith("openvino/libopenvino_c.so."))
                .anyMatch(n -> n.startsWith("openvino/libopenvino_intel_cpu_plugin.so"));
        assertThat(names).contains("host.json", "vss-http/function.json", "opencv/libopencv_java490.so",
                "lib/vss-cloud-azure-0.1.0-SNAPSHOT.jar")
                .doesNotContain("local.settings.json").noneMatch(n -> n.startsWith("lib/opencv-4.9.0-0.jar"));
        try (Stream<Path> s = Stream.concat(Files.list(pkg().resolve("lib")), Files.list(pkg()))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile z = new ZipFile(jar.toFile())) {
                    z.stream().map(ZipEntry::getName).filter(AzurePackageIT::foreign).findFirst()
                            .ifPresent(n -> foreign.add(jar.getFileName() + "!" + n));
                }
            }
        }
        assertThat(foreign).as("classes of another cloud's SDK or of Spring").isEmpty();
    }

    static boolean foreign(String entry) {
        return entry.startsWith("software/amazon/") || entry.startsWith("com/amazonaws/")
                || entry.startsWith("com/google/cloud/") || entry.startsWith("com/google/api/gax/")
                || entry.startsWith("org/springframework/");
    }
}
