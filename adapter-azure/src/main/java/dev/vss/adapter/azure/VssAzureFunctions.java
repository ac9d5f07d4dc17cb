// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.WarmupTrigger;
import dev.vss.bl.EventAnswer;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.HttpImageRequest;
import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
import dev.vss.bl.events.EventParser;
import java.util.Optional;

/**
 * The Azure Functions (Java worker) entry points, one function app: {@code vss-eventgrid} (Event Grid
 * {@code Microsoft.Storage.BlobCreated}, either schema), {@code vss-blob} (the Blob trigger alternative, Event Grid
 * source as Flex Consumption requires) and {@code vss-http} (POST image bytes to {@code /api/analyze}), and {@code vss-warmup}. Decode → one
 * {@link VssHandler} call → encode. Bad events and failures follow the one policy of docs/cloud.md
 * ({@link EventAnswer}): an image that fails has its error stored (under {@code VSS_RESULTS}) and logged, a malformed
 * event is logged, and the event is acknowledged, since a retry would fail alike; only a pipeline that cannot be built
 * throws, so that Event Grid retries. The handler is built once per worker process, when the worker loads this class.
 */
public final class VssAzureFunctions {
    static final class Holder {
        static final VssHandler HANDLER = VssHandler.forFunction();
    }

    /** Event Grid subscription on the storage account, filtered to BlobCreated below the input prefix. */
    @FunctionName("vss-eventgrid")
    public void eventGrid(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        // either schema arrives here (Event Grid or CloudEvents): the shape is recognised
        report(context, () -> Holder.HANDLER.answer(null, event, context.getInvocationId()));
    }

    /**
     * The Blob trigger: the blob's URL goes through the same handler (and its {@code VSS_INPUTS} check) as an
     * Event Grid event would; the handler reads the blob itself, so the binding's copy is not used.
     */
    @FunctionName("vss-blob")
    public void blob(@BlobTrigger(name = "content", path = "%VSS_BLOB_PATH%", dataType = "binary",
            connection = "VSS_BLOB_CONNECTION", source = "EventGrid") byte[] content,
            @BindingName("Uri") String uri, ExecutionContext context) {
        report(context, () -> Holder.HANDLER.answer(EventParser.blobCreated(uri, context.getInvocationId()),
                context.getInvocationId()));
    }

    @FunctionName("vss-http")
    public HttpResponseMessage http(@HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "analyze",
            authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        HttpAnswer a;
        try {
            a = Holder.HANDLER.http(HttpImageRequest.of(request.getHttpMethod().name(), request.getUri().getPath(),
                    request.getBody().orElse(new byte[0])));
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        HttpResponseMessage.Builder r = request.createResponseBuilder(HttpStatusType.custom(a.status()));
        a.headers().forEach(r::header);
        return r.body(a.json()).build();
    }

    /** Runs when the platform adds an instance (Flex Consumption, Premium): the pipeline is built before traffic. */
    @FunctionName("vss-warmup")
    public void warmup(@WarmupTrigger(name = "warmup") Object warmup, ExecutionContext context) {
        context.getLogger().info("vss warm: " + Holder.HANDLER.modelCount() + " models");
    }

    /** One event under the bad-event policy (docs/cloud.md): a bad event or failures logged, the event acknowledged. */
    private static void report(ExecutionContext context, Call call) {
        EventAnswer a;
        try {
            a = call.answer();
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e); // the pipeline cannot be built: let Event Grid retry
        }
        if (a.logLine() != null) {
            context.getLogger().warning(a.logLine());
        }
    }

    @FunctionalInterface
    private interface Call {
        EventAnswer answer() throws VssException;
    }
}
