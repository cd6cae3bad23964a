package io.millrace.streams.model;

/**
 * Model shapes {@code S3TablesDestinationConfiguration} and {@code S3TablesDestinationUpdateInput}, bound only so
 * a request naming them can be refused: Millrace does not deliver to Apache Iceberg tables.
 */
public record S3TablesDestinationConfiguration(Integer dataFreshnessInSeconds) {
}
