package io.millrace.server.route;

import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.server.auth.AccessControl;
import io.millrace.server.auth.Authentication;
import io.millrace.streams.op.OperationTable;

/**
 * One AWS service served on the port, chosen by the {@code X-Amz-Target} prefix of its operation table: the codec
 * of its model, its operations, and how its callers are authenticated (signing name) and authorised (IAM prefix).
 */
public record ServiceRoute(KinesisProtocol protocol, OperationTable operations, Authentication authentication,
                           AccessControl accessControl) {

    public String targetPrefix() {
        return operations.targetPrefix();
    }
}
