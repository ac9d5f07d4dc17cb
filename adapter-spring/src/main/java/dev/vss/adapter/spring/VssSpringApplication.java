// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.spring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The vss handler as a Spring Cloud Function: the {@link VssHandler} is a singleton bean built from the environment
 * ({@code VSS_*}) when the context starts, and {@code vss} is a {@code Function} of the raw event to the response
 * JSON — the same {@link HandlerResponse#toMap()} as the plain Lambda handler, and an SQS partial batch response
 * for SQS. On Lambda: handler {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest},
 * which starts this application (the jar's {@code Start-Class}, or {@code MAIN_CLASS}) in the init phase. Storage
 * events only; image bodies over HTTP go through the plain adapters.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class VssSpringApplication {
    public static void main(String[] args) {
        SpringApplication.run(VssSpringApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    public VssHandler vssHandler() throws VssException {
        return VssHandler.builder(VssSettings.fromEnvironment()).optRequireInputs(true).optLog(System.out::println).build();
    }

    @Bean
    public Function<Message<byte[]>, Message<byte[]>> vss(VssHandler handler) {
        return event -> {
            try {
                HandlerResponse r = handler.handle(new String(event.getPayload(), StandardCharsets.UTF_8));
                Object out = r.format() == EventFormat.SQS ? batchItemFailures(r) : r.toMap();
                return MessageBuilder.withPayload(ResultJson.mapper().writeValueAsBytes(out)).build();
            } catch (VssException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** SQS partial batch response: only the failed messages are redelivered. */
    static ObjectNode batchItemFailures(HandlerResponse r) {
        if (r.hasUnattributedFailure()) {
            throw new IllegalStateException("a failure without a messageId: the whole batch is retried");
        }
        ObjectNode o = ResultJson.mapper().createObjectNode();
        ArrayNode a = o.putArray("batchItemFailures");
        r.failedRecordIds().forEach(id -> a.addObject().put("itemIdentifier", id));
        return o;
    }
}
