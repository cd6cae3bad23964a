package io.millrace.protocol.codec;

import java.util.Map;

/**
 * A request body decoded, checked against its operation's input shape and bound to its request record
 * ({@link KinesisProtocol#decodeRequest}).
 *
 * @param request the bound request record
 * @param strings the request's top-level string members by wire name ({@code StreamName}, {@code StreamARN}, …):
 *                what authorization reads to name the resource a request acts on
 * @param <T>     the request record type
 */
public record DecodedRequest<T>(T request, Map<String, String> strings) {
    public DecodedRequest {
        strings = Map.copyOf(strings);
    }
}
