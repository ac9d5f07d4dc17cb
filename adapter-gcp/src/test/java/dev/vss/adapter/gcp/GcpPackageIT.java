// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the deployment folder carries: the functions, Google's SDK (storage, KMS), the natives; no other cloud's SDK,
 * no Spring, no Functions Framework (the runtime supplies it), and no other platform's natives.
 */
class GcpPackageIT {
    @Test
    void theZipCarriesTheFunctionsNativesAndOnlyGooglesSdk() throws Exception {
        Path folder = InvokerProcess.deployFolder();
        List<String> names;
        try (ZipFile z = new ZipFile(folder.resolveSibling("vss-gcp.zip").toFile())) {
            names = z.stream().map(ZipEntry::getName).toList();
        }
        assertThat(names).contains("vss-gcp.jar", "opencv/libopencv_java490.so")
                .anyMatch(n -> n.startsWith("openvino/libopenvino_c.so."))
                .anyMatch(n -> n.startsWith("openvino/libopenvino_intel_cpu_plugin.so"));
        List<String> jar;
        try (ZipFile z = new ZipFile(folder.resolve("vss-gcp.jar").toFile())) {
            jar = z.stream().map(ZipEntry::getName).toList();
        }
        assertThat(jar).contains("dev/vss/adapter/gcp/VssStorageFunction.class", "dev/vss/adapter/gcp/VssHttpFunction.class",
                "com/google/cloud/storage/Storage.class", "com/google/cloud/kms/v1/KeyManagementServiceClient.class",
                "dev/vss/cloud/gcp/CloudKmsKeyWrapper.class");
        assertThat(jar).filteredOn(n -> n.startsWith("software/amazon/") || n.startsWith("com/amazonaws/")
                || n.startsWith("com/azure/") || n.startsWith("com/microsoft/azure/") || n.startsWith("org/springframework/")
                || n.startsWith("com/google/cloud/functions/") || n.startsWith("io/cloudevents/")).isEmpty();
        assertThat(jar).filteredOn(n -> n.startsWith("nu/pattern/opencv/") || n.endsWith(".dll") || n.endsWith(".dylib")
                || n.endsWith(".jnilib")).isEmpty();
    }
}
