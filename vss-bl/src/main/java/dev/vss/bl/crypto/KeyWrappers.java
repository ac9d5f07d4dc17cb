// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Opens the gallery's {@link KeyWrapper} from a key-service setting: {@code local} (a key given inline, in a file,
 * or the default file — {@link LocalKeyWrapper}) or {@code <scheme>:<key>} through a {@link KeyWrapperProvider}.
 */
public final class KeyWrappers {
    private KeyWrappers() {
    }

    /**
     * The wrapper for {@code service}.
     *
     * @param inlineKey local key in base64, or null
     * @param keyFile   local key file ({@code VssSettings.keyFile()}), or null for {@code ~/.config/vss/gallery.key}
     * @param create    for {@code local}: create the key file if no key exists (only when a new gallery starts)
     * @throws IOException              if no local key exists and {@code create} is false (the message says how to
     *                                  configure one), or the key service cannot be set up
     * @throws IllegalArgumentException if no provider on the class path handles the scheme
     */
    public static KeyWrapper open(String service, String inlineKey, Path keyFile, boolean create, Consumer<String> notice)
            throws IOException {
        if (service == null || service.equals("local")) {
            Map<String, String> env = new HashMap<>(); // the settings, as LocalKeyWrapper names them
            if (inlineKey != null) {
                env.put(LocalKeyWrapper.ENV_KEY, inlineKey);
            }
            if (keyFile != null) {
                env.put(LocalKeyWrapper.ENV_KEY_FILE, keyFile.toString());
            }
            return LocalKeyWrapper.fromEnvironment(env, create, notice);
        }
        int colon = service.indexOf(':');
        String scheme = colon < 0 ? service : service.substring(0, colon);
        List<String> known = new ArrayList<>(List.of("local"));
        for (KeyWrapperProvider p : ServiceLoader.load(KeyWrapperProvider.class, KeyWrappers.class.getClassLoader())) {
            if (p.scheme().equals(scheme)) {
                return p.open(service.substring(colon + 1));
            }
            known.add(p.scheme());
        }
        throw new IllegalArgumentException("gallery key service '" + scheme + "': no provider on the class path; "
                + "available: " + known + " (aws-kms needs cloud-aws, azure-keyvault cloud-azure, gcp-kms cloud-gcp)");
    }
}
