package io.millrace.streams.op;

import io.millrace.streams.model.Tag;

import java.util.List;

/** Output of ListTagsForStream. */
public record ListTagsForStreamResponse(List<Tag> tags, Boolean hasMoreTags) {
}
