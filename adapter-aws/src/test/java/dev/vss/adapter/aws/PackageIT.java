// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.Setting;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The built artefacts against Lambda's limits and template.yaml against them: the handler class is in the function
 * zip, no native code or other cloud's SDK is in it, sizes are within Lambda's package limits, the template passes
 * cfn-lint (CloudFormation + SAM rules), names only settings vss knows, and never lets results re-trigger the
 * function.
 */
class PackageIT {
    static final long MB = 1L << 20;
    static final Path ROOT = Path.of(System.getProperty("vss.root", ".."));
    static final Path TEMPLATE = ROOT.resolve("adapter-aws").resolve("template.yaml");

    @Test
    void functionZipHoldsTheHandlerAndNoNativeCodeOrOtherCloud() throws Exception {
        Path zip = LambdaHarness.target().resolve("vss-lambda-function.zip");
        List<String> classes = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).toList();
            assertThat(names).containsExactly("lib/vss-lambda.jar");
            try (InputStream in = z.getInputStream(z.getEntry("lib/vss-lambda.jar"));
                 JarInputStream jar = new JarInputStream(in)) {
                for (var e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    classes.add(e.getName());
                }
            }
        }
        assertThat(classes).contains("dev/vss/adapter/aws/VssLambda.class", "dev/vss/cloud/aws/S3BlobStore.class",
                "org/opencv/core/Mat.class", "com/sun/jna/Native.class",
                "META-INF/services/dev.vss.bl.store.BlobStoreProvider",
                "META-INF/services/dev.vss.bl.crypto.KeyWrapperProvider");
        assertThat(classes).as("natives come from the layers (JNA keeps only its own linux-x86-64 stub)")
                .filteredOn(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib"))
                .allMatch(n -> n.startsWith("com/sun/jna/linux-x86-64/"));
        assertThat(classes).as("no other cloud's SDK").noneMatch(n -> n.startsWith("com/azure/")
                || n.startsWith("com/google/cloud/") || n.startsWith("com/microsoft/azure/"));
    }

    @Test
    void theOpenCvLayerCarriesTheExtractedLibraryAndTurboJpeg() throws Exception {
        try (ZipFile z = new ZipFile(LambdaHarness.target().resolve("vss-lambda-layer-opencv.zip").toFile())) {
            // unpacked under /opt: where OpenCvNatives and TurboJpeg look first
            assertThat(z.getEntry("opencv/libopencv_java490.so")).isNotNull();
            ZipEntry tj = z.getEntry("opencv/libturbojpeg.so.0");
            assertThat(tj).as("libturbojpeg.so.0 in the layer (scripts/install/turbojpeg.sh on the build machine)")
                    .isNotNull();
            assertThat(tj.getSize()).isGreaterThan(100_000);
        }
    }

    @Test
    void sizesAreWithinLambdasLimits() throws Exception {
        Path t = LambdaHarness.target();
        long unzipped = 0;
        for (String name : List.of("vss-lambda-function.zip", "vss-lambda-layer-openvino.zip", "vss-lambda-layer-opencv.zip")) {
            Path zip = t.resolve(name);
            assertThat(Files.size(zip)).as(name + " zipped (direct upload limit)").isLessThan(50 * MB);
            try (ZipFile z = new ZipFile(zip.toFile())) {
                for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                    unzipped += e.nextElement().getSize();
                }
            }
        }
        assertThat(unzipped).as("function + layers unzipped").isLessThan(250 * MB);
    }

    @Test
    void templatePassesCfnLint() throws Exception {
        Path lint = ROOT.resolve(".vss/cfn-lint/bin/cfn-lint");
        assertThat(lint).as("installed by scripts/install/cfn-lint.sh (scripts/test.sh runs it)").isExecutable();
        Process p = new ProcessBuilder(lint.toString(), TEMPLATE.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void templateNamesTheBuiltHandlerKnownSettingsAndSeparatePrefixes() throws Exception {
        Map<String, Object> t = load(TEMPLATE);
        Map<String, Object> resources = (Map<String, Object>) t.get("Resources");
        Map<String, Object> fn = props(resources, "Function");
        assertThat(fn.get("Handler")).isEqualTo(LambdaHarness.HANDLER);
        assertThat((String) fn.get("Runtime")).matches("java(21|25)");
        assertThat(ROOT.resolve("adapter-aws").resolve((String) fn.get("CodeUri"))).isRegularFile();
        for (String layer : List.of("OpenVinoLayer", "OpenCvLayer")) {
            assertThat(ROOT.resolve("adapter-aws").resolve((String) props(resources, layer).get("ContentUri"))).isRegularFile();
        }
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) fn.get("Environment")).get("Variables");
        List<String> known = Arrays.stream(Setting.values()).map(Setting::env).toList();
        for (String name : vars.keySet()) {
            if (name.startsWith("VSS_")) {
                assertThat(known.contains(name) || name.startsWith("VSS_S3_")).as(name + " is a vss setting").isTrue();
            }
        }
        Map<String, Object> params = (Map<String, Object>) t.get("Parameters");
        String input = (String) ((Map<String, Object>) params.get("InputPrefix")).get("Default");
        String results = (String) ((Map<String, Object>) params.get("ResultsPrefix")).get("Default");
        assertThat(results).as("results never below the trigger prefix").doesNotStartWith(input);
        assertThat(vars.get("VSS_INPUTS").toString()).contains("${InputPrefix}");
        assertThat(vars.get("VSS_RESULTS").toString()).contains("${ResultsPrefix}");
        assertThat(((Map<String, Object>) params.get("MemorySize")).get("Default")).isEqualTo(2048);
        // least privilege: no wildcard action or resource in the function's policy
        String policy = props(resources, "AnalyserRole").get("Policies").toString();
        assertThat(policy).doesNotContain("Action=*").doesNotContain("Resource=*").doesNotContain("s3:*");
        String bucket = props(resources, "Bucket").toString();
        assertThat(bucket).contains("prefix").contains("InputPrefix");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resources, String name) {
        return (Map<String, Object>) ((Map<String, Object>) resources.get(name)).get("Properties");
    }

    /** YAML with CloudFormation's short-form intrinsics (!Ref, !Sub, ...) read as plain values. */
    static Map<String, Object> load(Path file) throws Exception {
        SafeConstructor c = new SafeConstructor(new LoaderOptions()) {
            {
                for (String tag : List.of("Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select",
                        "Split", "FindInMap", "ImportValue", "Base64", "GetAZs", "Condition")) {
                    this.yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                        @Override
                        public Object construct(Node node) {
                            if (node instanceof ScalarNode s) {
                                return "!" + tag + " " + s.getValue();
                            }
                            if (node instanceof SequenceNode s) {
                                return constructSequence(s);
                            }
                            return constructMapping((MappingNode) node);
                        }
                    });
                }
            }
        };
        return new Yaml(c).load(Files.readString(file));
    }
}
