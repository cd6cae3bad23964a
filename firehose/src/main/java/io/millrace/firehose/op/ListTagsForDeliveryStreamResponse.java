package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;

import java.util.List;

/** Output of ListTagsForDeliveryStream. */
public record ListTagsForDeliveryStreamResponse(List<Tag> tags, boolean hasMoreTags) {
}
