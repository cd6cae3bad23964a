package io.millrace.firehose.op;

/** Input of DescribeDeliveryStream; every stream has exactly one destination, so paging never applies. */
public record DescribeDeliveryStreamRequest(String deliveryStreamName, Integer limit,
                                            String exclusiveStartDestinationId) {
}
