package io.millrace.server.route;

import io.millrace.firehose.op.FirehoseContext;
import io.millrace.firehose.op.FirehoseOperations;
import io.millrace.protocol.auth.ResourcePolicyLookup;
import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.server.auth.AccessControl;
import io.millrace.server.auth.Authentication;
import io.millrace.streams.op.OperationTable;

/**
 * Serves the Firehose operation table under {@code Firehose_20150804}: each Firehose operation is adapted to the
 * server's operation type, so routing, decoding against the Firehose model and error encoding stay in the one
 * dispatcher.
 */
public final class FirehoseRoute {
    private FirehoseRoute() {
    }

    public static ServiceRoute of(FirehoseOperations operations, KinesisProtocol protocol,
                                  Authentication authentication) {
        OperationTable.Builder table = OperationTable.builder(FirehoseOperations.TARGET_PREFIX);
        for (FirehoseOperations.Entry<?, ?> entry : operations.entries()) {
            add(table, entry);
        }
        return new ServiceRoute(protocol, table.build(), authentication,
                new AccessControl(ResourcePolicyLookup.NONE, Authentication.FIREHOSE_SERVICE));
    }

    private static <I, O> void add(OperationTable.Builder table, FirehoseOperations.Entry<I, O> entry) {
        table.add(entry.name(), entry.requestType(), (request, context) -> entry.operation().execute(request,
                new FirehoseContext(context.accountId(), context.region(), context.requestId())));
    }
}
