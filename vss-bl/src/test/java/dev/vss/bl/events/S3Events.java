// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds S3 event notifications for tests from the recorded sample {@code events/s3-put.json}: one record per
 * key, each key URL-encoded as S3 does.
 */
final class S3Events {
    private S3Events() {
    }

    /** A notification announcing these (plain) keys in a bucket. */
    static String notification(String bucket, List<String> keys, String eventTime) {
        ObjectNode template = template();
        ObjectNode record = (ObjectNode) template.get("Records").get(0);
        ArrayNode records = EventFields.MAPPER.createArrayNode();
        for (String key : keys) {
            ObjectNode r = record.deepCopy();
            r.put("eventTime", eventTime);
            ((ObjectNode) r.get("s3").get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
            ((ObjectNode) r.get("s3").get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
            records.add(r);
        }
        template.set("Records", records);
        return template.toString();
    }

    /** A one-record notification whose key is given already encoded (or deliberately malformed). */
    static String rawNotification(String bucket, String rawKey) {
        ObjectNode template = template();
        ObjectNode r = (ObjectNode) template.get("Records").get(0);
        ((ObjectNode) r.get("s3").get("bucket")).put("name", bucket);
        ((ObjectNode) r.get("s3").get("object")).put("key", rawKey);
        return template.toString();
    }

    private static ObjectNode template() {
        try (InputStream in = S3Events.class.getResourceAsStream("/events/s3-put.json")) {
            JsonNode n = EventFields.MAPPER.readTree(in);
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
