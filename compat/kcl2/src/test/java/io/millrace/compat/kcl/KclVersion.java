package io.millrace.compat.kcl;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * What differs between KCL versions, for KCL 2.x: the shared scenario sources ({@code compat/scenario}) call this
 * class, and each KCL module supplies its own. KCL 2.x creates its plain lease table itself, and its defaults need
 * no shortening beyond what the scenario sets.
 *
 * <p>Thread safety: stateless.
 */
final class KclVersion {
    private KclVersion() {
    }

    /** Nothing to do: KCL 2.x creates its lease table, without secondary indexes, through CreateTable. */
    static void createLeaseTable(DynamoDbAsyncClient dynamo, String applicationName) {
    }

    static CoordinatorConfig tune(CoordinatorConfig coordinator) {
        return coordinator;
    }

    static LeaseManagementConfig tune(LeaseManagementConfig leases) {
        return leases;
    }
}
