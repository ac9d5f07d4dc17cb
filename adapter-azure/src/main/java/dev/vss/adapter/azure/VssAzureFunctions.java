// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.image.ResultJson;
import java.util.Optional;

/**
 * The Azure Functions (Java worker) entry points, one function app: {@code vss-eventgrid} (Event Grid
 * {@code Microsoft.Storage.BlobCreated}, either schema), {@code vss-blob} (the Blob trigger alternative, Event Grid
 * source as Flex Consumption requires) and {@code vss-http} (POST image bytes to {@code /api/analyze}), and {@code vss-warmup}. Decode → one
 * {@link VssHandler} call → encode. An image that fails has its error stored (under {@code VSS_RESULTS}) and logged,
 * and the event is acknowledged, since a retry would fail alike (so is a malformed event, logged); only a pipeline
 * that cannot be built throws, so that Event Grid retries. The handler is built once per worker process, when the worker loads this class.
 */
public final class VssAzureFunctions {
    static final class Holder {
        static final VssHandler HANDLER = build();

        private static VssHandler build() {
            try {
                return VssHandler.builder(VssSettings.fromEnvironment()).optRequireInputs(true)
                        .optLog(System.out::println).build();
            } catch (VssException e) {
                throw new IllegalStateException("vss init failed: " + e.getMessage(), e);
            }
        }
    }

    /** Event Grid subscription on the storage account, filtered to BlobCreated below the input prefix. */
    @FunctionName("vss-eventgrid")
    public void eventGrid(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        report(event, context);
    }

    /**
     * The Blob trigger: the blob's URL goes through the same handler (and its {@code VSS_INPUTS} check) as an
     * Event Grid event would; the handler reads the blob itself, so the binding's copy is not used.
     */
    @FunctionName("vss-blob")
    public void blob(@BlobTrigger(name = "content", path = "%VSS_BLOB_PATH%", dataType = "binary",
            connection = "VSS_BLOB_CONNECTION", source = "EventGrid") byte[] content,
            @BindingName("Uri") String uri, ExecutionContext context) {
        ObjectNode e = ResultJson.mapper().createObjectNode();
        e.put("specversion", "1.0").put("type", "Microsoft.Storage.BlobCreated").put("id", context.getInvocationId())
                .put("source", "vss-blob").putObject("data").put("url", uri);
        report(e.toString(), context);
    }

    @FunctionName("vss-http")
    public HttpResponseMessage http(@HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "analyze",
            authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        HttpAnswer a;
        try {
            a = Holder.HANDLER.http(request.getBody().orElse(new byte[0]), request.getUri().getPath());
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return request.createResponseBuilder(HttpStatusType.custom(a.status()))
                .header("Content-Type", HttpAnswer.CONTENT_TYPE).body(a.json()).build();
    }

    /** Runs when the platform adds an instance (Flex Consumption, Premium): the pipeline is built before traffic. */
    @FunctionName("vss-warmup")
    public void warmup(@WarmupTrigger(name = "warmup") Object warmup, ExecutionContext context) {
        context.getLogger().info("vss warm: " + Holder.HANDLER.plan().entries().size() + " models");
    }

    /** One event through the handler; failures logged under the invocation, a malformed event logged and dropped. */
    private static void report(String event, ExecutionContext context) {
        HandlerResponse r;
        try {
            r = Holder.HANDLER.handle(event);
        } catch (IllegalArgumentException e) { // not a storage event: a retry could not change that
            context.getLogger().warning("{\"event\":\"bad_event\",\"invocation\":\"" + context.getInvocationId()
                    + "\",\"message\":" + ResultJson.mapper().valueToTree(e.getMessage()) + "}");
            return;
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e); // the pipeline cannot be built: let Event Grid retry
        }
        if (!r.ok()) {
            context.getLogger().warning("{\"event\":\"failures\",\"invocation\":\"" + context.getInvocationId()
                    + "\",\"response\":" + r.toJson() + "}");
        }
    }
}
