// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.spring;

import dev.vss.bl.EventAnswer;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
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
 * JSON — the same answer as the plain Lambda handler ({@link EventAnswer#body()}: {@link HandlerResponse#toMap()},
 * an SQS partial batch response for SQS, a logged bad event under the one policy of docs/cloud.md). On Lambda: handler {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest},
 * which starts this application (the jar's {@code Start-Class}, or {@code MAIN_CLASS}) in the init phase. Storage
 * events only; image bodies over HTTP go through the plain adapters.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class VssSpringApplication {
    public static void main(String[] args) {
        SpringApplication.run(VssSpringApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    public VssHandler vssHandler() {
        return VssHandler.forFunction();
    }

    @Bean
    public Function<Message<byte[]>, Message<byte[]>> vss(VssHandler handler) {
        return event -> {
            try {
                EventAnswer a = handler.answer(null, new String(event.getPayload(), StandardCharsets.UTF_8), null);
                if (a.logLine() != null) {
                    System.out.println(a.logLine());
                }
                return MessageBuilder.withPayload(ResultJson.mapper().writeValueAsBytes(a.body())).build();
            } catch (VssException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
