package io.millrace.server.route;

import io.millrace.streams.op.OperationTable;

/**
 * The {@code X-Amz-Target} header split into service prefix and operation name. A missing or malformed header
 * gives a target with null parts.
 */
record Target(String service, String operation) {

    static Target parse(String header) {
        if (header == null) {
            return new Target(null, null);
        }
        int dot = header.indexOf('.');
        if (dot <= 0 || dot == header.length() - 1) {
            return new Target(null, null);
        }
        return new Target(header.substring(0, dot), header.substring(dot + 1));
    }

    boolean isKnown(OperationTable operations) {
        return operations.targetPrefix().equals(service) && operations.lookup(operation) != null;
    }

    boolean isOwnService(OperationTable operations) {
        return operations.targetPrefix().equals(service);
    }
}
