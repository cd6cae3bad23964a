package io.millrace.compat.kcl;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * What differs between KCL versions, for KCL 3.x: the shared scenario sources ({@code compat/scenario}) call this
 * class, and each KCL module supplies its own.
 *
 * <p>KCL 3.x adds a {@code LeaseOwnerToLeaseKeyIndex} to its lease table with UpdateTable and waits for it to become
 * ACTIVE; dynalite accepts that UpdateTable but never builds the index, so the table is created here with the index
 * already in place, and the KCL skips the step. KCL 3.x also assigns leases from worker metrics reported every 30 s
 * and elects a leader holding a DynamoDB lock for 2 min; both are shortened so a test runs in seconds.
 *
 * <p>Thread safety: stateless.
 */
final class KclVersion {
    private static final String LEASE_KEY = "leaseKey";
    private static final String LEASE_OWNER = "leaseOwner";

    private KclVersion() {
    }

    /** Creates the lease table the KCL would name after the application, with KCL 3.x's owner index. */
    static void createLeaseTable(DynamoDbAsyncClient dynamo, String applicationName) {
        dynamo.createTable(r -> r.tableName(applicationName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(LEASE_KEY)
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(LEASE_OWNER)
                                .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(LEASE_KEY).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("LeaseOwnerToLeaseKeyIndex")
                        .keySchema(
                                KeySchemaElement.builder().attributeName(LEASE_OWNER).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(LEASE_KEY).keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build()))
                .join();
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(applicationName)).join();
    }

    /** True: KCL 3.x skips shard consumers that are already shut down when it stops gracefully. */
    static boolean stopsGracefullyAfterASplit() {
        return true;
    }

    static CoordinatorConfig tune(CoordinatorConfig coordinator) {
        return coordinator;
    }

    static LeaseManagementConfig tune(LeaseManagementConfig leases) {
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(200)
                .workerMetricsReporterFreqInMillis(1_000);
        return leases
                .leaseAssignmentIntervalMillis(500L)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(3_000)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000);
    }
}
