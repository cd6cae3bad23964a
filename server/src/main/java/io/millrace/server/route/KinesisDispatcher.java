package io.millrace.server.route;

import io.millrace.protocol.codec.DecodedRequest;
import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.server.http.ApiDispatcher;
import io.millrace.server.http.ApiRequest;
import io.millrace.server.http.ApiResponse;
import io.millrace.server.auth.AccessControl;
import io.millrace.server.auth.Authentication;
import io.millrace.server.auth.Caller;
import io.millrace.streams.op.EventStreamResponse;
import io.millrace.streams.op.OperationTable;
import io.millrace.streams.op.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The API edge for Kinesis (and every other service on the port, such as Firehose, chosen by target prefix): takes
 * an aggregated HTTP request through AWS's request-processing order (reference §1.4), decodes and validates the body
 * against the model, runs the operation on the worker executor and encodes the answer, in the request's wire format.
 *
 * <p>Authentication (step 8) runs after the target is known and before the body is type-checked; authorisation
 * runs once the body is decoded, since the resource it names decides. Empty bodies skip authentication: they can
 * only ever be a SerializationException, which AWS reports first.
 *
 * <p>This is the one place where {@link ApiException} becomes a wire response. Decoding and validation run on the
 * calling (event-loop) thread; operations run on {@code workers}, and so does encoding an answer that is ready at
 * once; an answer that completes later (a write waiting for durability) is encoded on the connection's event loop.
 */
public final class KinesisDispatcher implements ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisDispatcher.class);

    /** Never a model operation: decoding against it only checks that the body parses. */
    private static final String NO_SUCH_OPERATION = "";

    private final ServiceRoute kinesis;
    /** Every served service by target prefix; requests for any other prefix are answered by Kinesis's front end. */
    private final Map<String, ServiceRoute> routes;
    private final StsQuery sts;
    private final Executor workers;

    /**
     * Serves {@code kinesis} and the {@code others} (e.g. Firehose) on one port, routed by target prefix, and STS's
     * GetCallerIdentity ({@code sts}) to form-encoded requests signed for STS.
     */
    public KinesisDispatcher(ServiceRoute kinesis, List<ServiceRoute> others, StsQuery sts, Executor workers) {
        Map<String, ServiceRoute> byPrefix = new HashMap<>();
        byPrefix.put(kinesis.targetPrefix(), kinesis);
        for (ServiceRoute route : others) {
            if (byPrefix.putIfAbsent(route.targetPrefix(), route) != null) {
                throw new IllegalArgumentException("targetPrefix: " + route.targetPrefix() + " (expected: unique)");
            }
        }
        this.kinesis = kinesis;
        this.routes = Map.copyOf(byPrefix);
        this.sts = sts;
        this.workers = workers;
    }

    private ServiceRoute routeFor(Target target) {
        ServiceRoute route = target.service() == null ? null : routes.get(target.service());
        return route == null ? kinesis : route;
    }

    @Override
    public CompletionStage<ApiResponse> dispatch(ApiRequest request) {
        String requestId = UUID.randomUUID().toString();
        if (StsQuery.isFor(request)) {
            return done(sts.answer(request, requestId));
        }
        Target target = Target.parse(request.headers().get("x-amz-target"));
        String contentType = request.headers().get("content-type");
        WireFormat format = WireFormat.fromContentType(contentType);
        boolean hasBody = request.body().length > 0;
        ServiceRoute route = routeFor(target);
        KinesisProtocol protocol = route.protocol();
        OperationTable operations = route.operations();
        Authentication authentication = route.authentication();

        if (!"POST".equals(request.method()) || (hasBody && format == null && !CoralJson.isCoralJson(contentType))) {
            ApiException unsigned = authentication.presenceFailure(request);
            if (unsigned != null) {
                return done(XmlPath.authenticationFailure(unsigned, requestId));
            }
            return done(XmlPath.answer(target, target.isOwnService(operations), target.isKnown(operations),
                    requestId));
        }
        if (hasBody && format == null) {
            return done(CoralJson.answer(isParseable(request.body()), requestId));
        }
        WireFormat replyFormat = format == null ? WireFormat.CBOR : format; // AWS answers CBOR when unsure
        if (!target.isKnown(operations)) {
            return done(ResponseWriter.error(protocol, unknownTarget(route, target, replyFormat, request.body()),
                    replyFormat, requestId));
        }
        Caller caller = null;
        if (hasBody) {
            try {
                caller = authentication.authenticate(request);
            } catch (ApiException e) {
                return done(ResponseWriter.error(protocol, e, replyFormat, requestId));
            }
        }
        return execute(route, request, caller, target, replyFormat, requestId);
    }

    /**
     * The error for a target we do not serve. AWS parses the body before it looks at the target, so a garbage body
     * is a SerializationException; otherwise UnknownOperationException. Operations that the model has but Millrace
     * does not implement yet say so in the message rather than pretend to work.
     */
    private static ApiException unknownTarget(ServiceRoute route, Target target, WireFormat format, byte[] body) {
        KinesisProtocol protocol = route.protocol();
        OperationTable operations = route.operations();
        try {
            protocol.decode(NO_SUCH_OPERATION, format, body);
        } catch (ApiException e) {
            if (e.error() == KinesisError.UNKNOWN_OPERATION && target.isOwnService(operations)
                    && protocol.hasOperation(target.operation())) {
                return KinesisError.UNKNOWN_OPERATION.exception(
                        "Operation %s is not supported by this version of Millrace.", target.operation());
            }
            return e;
        }
        throw new IllegalStateException("decoding for a missing operation must fail");
    }

    private boolean isParseable(byte[] body) {
        try {
            kinesis.protocol().decode(NO_SUCH_OPERATION, WireFormat.JSON, body);
            return true;
        } catch (ApiException e) {
            return e.error() != KinesisError.SERIALIZATION;
        }
    }

    @Override
    public ApiResponse rejectOversized(ApiRequest headersOnly) {
        WireFormat format = WireFormat.fromContentType(headersOnly.headers().get("content-type"));
        ApiException tooLarge = KinesisError.REQUEST_ENTITY_TOO_LARGE.exception(
                "Request body is larger than the maximum allowed size.");
        return ResponseWriter.error(kinesis.protocol(), tooLarge, format == null ? WireFormat.JSON : format,
                UUID.randomUUID().toString());
    }

    /** @param caller {@code null} only for an empty body, which never decodes */
    private CompletionStage<ApiResponse> execute(ServiceRoute route, ApiRequest request, Caller caller, Target target,
                                                 WireFormat format, String requestId) {
        KinesisProtocol protocol = route.protocol();
        OperationTable.Entry<?, ?> entry = route.operations().lookup(target.operation());
        Object boundRequest;
        try {
            DecodedRequest<?> decoded = protocol.decodeRequest(entry.name(), format, request.body(),
                    entry.requestType());
            boundRequest = decoded.request();
            if (caller == null) {
                // Unreachable while empty bodies fail to decode; refuse rather than run unauthenticated.
                throw KinesisError.SERIALIZATION.withoutMessage();
            }
            route.accessControl().authorize(caller, entry.name(), decoded.strings());
        } catch (ApiException e) {
            return done(ResponseWriter.error(protocol, e, format, requestId));
        }
        RequestContext context = new RequestContext(caller.accountId(), caller.region(), requestId,
                request.responseExecutor());
        CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
        workers.execute(() -> run(protocol, entry, boundRequest, context, format, request.responseExecutor(),
                answer));
        return answer;
    }

    /**
     * Runs the operation on this worker. An answer ready at once is encoded here; one that completes later on another
     * thread (a write's durability, on the log's committer) is encoded on {@code responseExecutor}, the connection's
     * event loop, which writes it without one more hand-off: on an idle machine each wake-up of a parked thread adds
     * to the write's latency. Encoding small write answers is cheap; large answers (GetRecords) are ready at once.
     */
    private void run(KinesisProtocol protocol, OperationTable.Entry<?, ?> entry, Object request,
                     RequestContext context, WireFormat format, Executor responseExecutor,
                     CompletableFuture<ApiResponse> answer) {
        try {
            CompletableFuture<?> result = Invocation.invoke(entry, request, context).toCompletableFuture();
            result.whenCompleteAsync((response, failure) -> {
                if (failure == null && response instanceof EventStreamResponse stream) {
                    answer.complete(ResponseWriter.eventStream(
                            new EventStreamBody(stream.events(), protocol, format), context.requestId()));
                    return;
                }
                answer.complete(failure == null
                        ? ResponseWriter.success(protocol, response, format, context.requestId())
                        : ResponseWriter.error(protocol, asApiException(failure, entry.name()), format,
                        context.requestId()));
            }, result.isDone() ? Runnable::run : responseExecutor);
        } catch (RuntimeException e) {
            answer.complete(ResponseWriter.error(protocol, asApiException(e, entry.name()), format,
                    context.requestId()));
        }
    }

    private static ApiException asApiException(Throwable failure, String operation) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        LOG.error("{} failed unexpectedly", operation, cause);
        return KinesisError.INTERNAL_FAILURE.withoutMessage();
    }

    private static CompletionStage<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
