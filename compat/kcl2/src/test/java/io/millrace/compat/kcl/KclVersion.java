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

    /**
     * False: KCL 2.7.2's graceful shutdown never completes while the worker still holds the lease of a shard it
     * finished (checkpoint SHARD_END; the lease is deleted only by the lease clean-up, minutes later).
     * {@code Scheduler.createWorkerShutdownCallable} sends that shard's consumer, already shut down, a shutdown
     * notification it never processes, so the notification latch never reaches zero. KCL 3.x skips consumers that
     * are shut down ({@code consumer != null && !consumer.isShutdown()}). Nothing on the wire is involved: the same
     * scenario stops gracefully with KCL 3.x against the same server.
     */
    static boolean stopsGracefullyAfterASplit() {
        return false;
    }

    static CoordinatorConfig tune(CoordinatorConfig coordinator) {
        return coordinator;
    }

    static LeaseManagementConfig tune(LeaseManagementConfig leases) {
        return leases;
    }
}
