// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.EventAnswer;
import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
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
 * messageIds (and, on a FIFO queue, the rest of each failed message group). The handler is built once per execution environment, in the init phase ({@link Holder}); with
 * SnapStart, {@code beforeCheckpoint} primes it and {@code afterRestore} gives each restored copy its own randomness
 * and clients. Bad events follow the one policy of docs/cloud.md ({@link EventAnswer}): logged and answered, not
 * thrown. Configuration: environment variables ({@code VSS_*}, see the README's settings table).
 */
public final class VssLambda implements RequestStreamHandler {
    /** The one handler of this execution environment (global scope: built when Lambda loads this class). */
    static final class Holder {
        static final VssHandler HANDLER = VssHandler.forFunction();
        static final Resource SNAPSTART = new SnapStartHooks();

        static {
            Core.getGlobalContext().register(SNAPSTART); // held strongly here: the CRaC context may not
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
                answer = ApiGateway.response(Holder.HANDLER.http(ApiGateway.request(event)));
            } else {
                EventAnswer a = Holder.HANDLER.answer(null, event, context == null ? null : context.getAwsRequestId());
                if (a.logLine() != null) {
                    System.out.println(a.logLine());
                }
                answer = a.body();
            }
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e); // the runtime reports it as the invocation's error
        }
        ResultJson.mapper().writeValue(output, answer);
    }
}
