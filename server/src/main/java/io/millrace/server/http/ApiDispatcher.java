package io.millrace.server.http;

import java.util.concurrent.CompletionStage;

/**
 * The seam between the transport and the API layer. Implementations must be thread-safe: the transport calls them
 * from every event loop at once.
 */
public interface ApiDispatcher {
    /** Called on the event loop; must not block. The stage may complete on any thread. */
    CompletionStage<ApiResponse> dispatch(ApiRequest request);

    /** Answer for a request whose body exceeds maxRequestBytes (request has an empty body). */
    ApiResponse rejectOversized(ApiRequest headersOnly);
}
