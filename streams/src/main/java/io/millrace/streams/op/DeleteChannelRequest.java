package io.millrace.streams.op;

/** Input of DeleteChannel. */
public record DeleteChannelRequest(String channelARN) {
}
