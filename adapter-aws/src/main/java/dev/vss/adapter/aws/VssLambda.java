// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/**
 * The AWS Lambda handler ({@code dev.vss.adapter.aws.VssLambda::handleRequest}): S3 notifications, SQS- and
 * SNS-wrapped S3 notifications, EventBridge Object Created, scheduled keep-warm events, direct invocations
 * ({@code {"images":[...]}}), and API Gateway HTTP API / Function URL requests whose body is the image. Decode →
 * one {@link VssHandler} call → encode; SQS is answered with {@code batchItemFailures} naming exactly the failed
 * messageIds. The handler is built once per execution environment, in the init phase ({@link Holder}); with
 * SnapStart, {@code beforeCheckpoint} primes it and {@code afterRestore} gives each restored copy its own randomness
 * and clients. Configuration: environment variables ({@code VSS_*}, see the README's settings table).
 */
public final class VssLambda implements RequestStreamHandler {
    /** The one handler of this execution environment (global scope: built when Lambda loads this class). */
    static final class Holder {
        static final VssHandler HANDLER = build();
        static final Resource SNAPSTART = new SnapStartHooks();

        static {
            Core.getGlobalContext().register(SNAPSTART); // held strongly here: the CRaC context may not
        }

        private static VssHandler build() {
            try {
                return VssHandler.builder(VssSettings.fromEnvironment()).optRequireInputs(true)
                        .optLog(System.out::println).build();
            } catch (VssException e) {
                throw new IllegalStateException("vss init failed: " + e.getMessage(), e); // → Lambda's init error
            }
        }
    }

    /** SnapStart / CRaC hooks: prime before the snapshot, re-seed and reconnect after each restore. */
    static final class SnapStartHooks implements Resource {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws VssException {
            Holder.HANDLER.prime();
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) throws VssException {
            Holder.HANDLER.afterRestore();
        }
    }

    public VssLambda() {
        Holder.HANDLER.settings(); // Lambda constructs the handler in its init phase: build everything now
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = ResultJson.mapper().readTree(input);
        Object answer;
        try {
            if (ApiGateway.isHttp(event)) {
                answer = ApiGateway.response(Holder.HANDLER.http(ApiGateway.body(event), ApiGateway.name(event)));
            } else {
                HandlerResponse r = Holder.HANDLER.handle(event);
                answer = r.format() == EventFormat.SQS ? batchItemFailures(r) : r.toMap();
            }
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e); // the runtime reports it as the invocation's error
        }
        ResultJson.mapper().writeValue(output, answer);
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
