package io.millrace.firehose.source;

/**
 * The stored {@code MSKSourceConfiguration} of an {@code MSKAsSource} delivery stream: the cluster and topic it reads,
 * the authentication it was given (kept for DescribeDeliveryStream; Millrace reaches the cluster with its own Kafka
 * client settings), when it was created, and the arrival time from which it reads ({@code ReadFromTimestamp}, by
 * default its creation; epoch 0 reads the topic from its earliest record).
 */
public record MskSourceSettings(String mskClusterARN, String topicName, String roleARN, String connectivity,
                                long deliveryStartMs, long readFromMs) {
    private static final String TOPIC_SEPARATOR = "|topic|";

    /** How the reader names this source to a {@link StreamSource}: the cluster's ARN and the topic. */
    public String sourceId() {
        return sourceId(mskClusterARN, topicName);
    }

    public static String sourceId(String clusterArn, String topic) {
        return clusterArn + TOPIC_SEPARATOR + topic;
    }

    /** Whether {@code sourceId} names a Kafka topic (made by {@link #sourceId}) rather than a Kinesis stream. */
    public static boolean isTopic(String sourceId) {
        return sourceId.contains(TOPIC_SEPARATOR);
    }

    /** The cluster ARN part of a {@link #sourceId}. */
    public static String clusterOf(String sourceId) {
        return sourceId.substring(0, sourceId.lastIndexOf(TOPIC_SEPARATOR));
    }

    /** The topic part of a {@link #sourceId}. */
    public static String topicOf(String sourceId) {
        return sourceId.substring(sourceId.lastIndexOf(TOPIC_SEPARATOR) + TOPIC_SEPARATOR.length());
    }
}
