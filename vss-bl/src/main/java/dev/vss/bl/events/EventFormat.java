// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

/** The native event shapes that {@link EventParser} recognises. */
public enum EventFormat {
    /** S3 event notification: {@code {"Records":[{"eventSource":"aws:s3","s3":{...}}]}}. */
    S3_NOTIFICATION,
    /** The {@code s3:TestEvent} S3 sends when a notification is configured; carries no object. */
    S3_TEST_EVENT,
    /** EventBridge event from S3: {@code {"source":"aws.s3","detail-type":"Object Created","detail":{...}}}. */
    EVENTBRIDGE_S3,
    /** SQS batch: {@code {"Records":[{"eventSource":"aws:sqs","body":"<S3 notification JSON>"}]}}. */
    SQS,
    /** SNS delivery: {@code {"Records":[{"EventSource":"aws:sns","Sns":{"Message":"<S3 notification JSON>"}}]}}. */
    SNS,
    /** Azure Event Grid schema: {@code [{"eventType":"Microsoft.Storage.BlobCreated","data":{"url":...}}]}. */
    AZURE_EVENT_GRID,
    /** Azure Blob Storage event in the CloudEvents 1.0 schema ({@code type: Microsoft.Storage.BlobCreated}). */
    AZURE_CLOUDEVENT,
    /** GCS CloudEvent ({@code type: google.cloud.storage.object.v1.finalized}, data = object resource). */
    GCS_CLOUDEVENT,
    /** GCS legacy background-function event ({@code google.storage.object.finalize}) or a bare object resource. */
    GCS_LEGACY,
    /** An array of CloudEvents (the CloudEvents JSON batch format), possibly of several providers. */
    CLOUDEVENT_BATCH,
    /**
     * A direct invocation naming images: {@code {"images":["s3://bucket/key", ...], "camera":"cam1"}} (a test call,
     * a replay, {@code vss run-local}).
     */
    DIRECT,
    /**
     * A keep-warm ping, answered without inference: an EventBridge/CloudWatch scheduled event
     * ({@code "detail-type":"Scheduled Event"}) or {@code {"keep_warm": true}}.
     */
    KEEP_WARM
}
