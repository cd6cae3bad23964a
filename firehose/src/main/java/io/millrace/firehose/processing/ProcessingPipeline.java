package io.millrace.firehose.processing;

import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.model.Processor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The processors of one {@code ProcessingConfiguration}, run on every delivered batch in a fixed order whatever the
 * order of the list: {@code Decompression} first (CloudWatch Logs data arrives gzipped),
 * {@code CloudWatchLogProcessing} (which needs {@code Decompression}, as in AWS), {@code RecordDeAggregation},
 * {@code Lambda},
 * {@code MetadataExtraction} (so jq sees what the function returned) and {@code AppendDelimiterToRecord} last [order
 * UNVERIFIED against AWS beyond decompression first]. Each type may appear once. A disabled or absent configuration is
 * the empty pipeline, which passes records through.
 *
 * <p>{@link #of} checks the configuration and throws IllegalArgumentException with the reason, so the operations
 * use it to validate requests. Immutable and thread-safe.
 */
public final class ProcessingPipeline {
    public static final ProcessingPipeline NONE = new ProcessingPipeline(new EnumMap<>(Stage.class));

    /** The processor types, in the order they run. */
    private enum Stage {
        DECOMPRESSION, CLOUDWATCH_LOG_PROCESSING, DEAGGREGATION, LAMBDA, METADATA_EXTRACTION, APPEND_DELIMITER
    }

    private final Map<Stage, RecordProcessor> stages;

    private ProcessingPipeline(Map<Stage, RecordProcessor> stages) {
        this.stages = stages;
    }

    /** The pipeline of {@code configuration}; Lambda functions are reached through {@code invoker}. */
    public static ProcessingPipeline of(ProcessingConfiguration configuration, LambdaInvoker invoker) {
        return of(configuration, invoker, LambdaRetryTiming.DEFAULT);
    }

    /** As {@link #of(ProcessingConfiguration, LambdaInvoker)}; failed invocations are retried with {@code timing}. */
    public static ProcessingPipeline of(ProcessingConfiguration configuration, LambdaInvoker invoker,
                                        LambdaRetryTiming timing) {
        if (configuration == null || !configuration.shouldRun() || configuration.processors() == null) {
            return NONE;
        }
        Map<Stage, RecordProcessor> stages = new EnumMap<>(Stage.class);
        for (Processor processor : configuration.processors()) {
            Stage stage = stageOf(processor.type());
            RecordProcessor built = switch (stage) {
                case DECOMPRESSION -> Decompression.of(processor);
                case CLOUDWATCH_LOG_PROCESSING -> CloudWatchLogProcessing.of(processor);
                case DEAGGREGATION -> RecordDeAggregation.of(processor);
                case LAMBDA -> LambdaProcessor.of(processor, invoker, timing);
                case METADATA_EXTRACTION -> MetadataExtraction.of(processor);
                case APPEND_DELIMITER -> appendDelimiter(processor);
            };
            if (stages.put(stage, built) != null) {
                throw new IllegalArgumentException("Only one processor of type " + processor.type()
                        + " is allowed.");
            }
        }
        if (stages.containsKey(Stage.CLOUDWATCH_LOG_PROCESSING) && !stages.containsKey(Stage.DECOMPRESSION)) {
            // [UNVERIFIED] own wording; the CDK documents that this processor must be used with Decompression.
            throw new IllegalArgumentException("The CloudWatchLogProcessing processor requires a Decompression "
                    + "processor in the same ProcessingConfiguration.");
        }
        return new ProcessingPipeline(stages);
    }

    private static Stage stageOf(String type) {
        return switch (type) {
            case Decompression.TYPE -> Stage.DECOMPRESSION;
            case CloudWatchLogProcessing.TYPE -> Stage.CLOUDWATCH_LOG_PROCESSING;
            case RecordDeAggregation.TYPE -> Stage.DEAGGREGATION;
            case LambdaProcessor.TYPE -> Stage.LAMBDA;
            case MetadataExtraction.TYPE -> Stage.METADATA_EXTRACTION;
            case "AppendDelimiterToRecord" -> Stage.APPEND_DELIMITER;
            default -> throw new IllegalArgumentException("Processor type " + type + " is not supported by this "
                    + "version of Millrace. Supported: Decompression, CloudWatchLogProcessing, RecordDeAggregation, "
                    + "Lambda, MetadataExtraction, AppendDelimiterToRecord.");
        };
    }

    private static RecordProcessor appendDelimiter(Processor processor) {
        if (processor.parameters() != null && !processor.parameters().isEmpty()) {
            throw new IllegalArgumentException("Parameters of the AppendDelimiterToRecord processor are not "
                    + "supported by this version of Millrace.");
        }
        return new AppendDelimiterToRecord();
    }

    /** Whether a {@code MetadataExtraction} processor extracts {@code partitionKeyFromQuery} keys. */
    public boolean extractsQueryKeys() {
        return stages.containsKey(Stage.METADATA_EXTRACTION);
    }

    /** Whether a Lambda processor may return {@code partitionKeyFromLambda} keys. */
    public boolean invokesLambda() {
        return stages.containsKey(Stage.LAMBDA);
    }

    /** Whether an {@code AppendDelimiterToRecord} processor is configured. */
    public boolean appendsDelimiter() {
        return stages.containsKey(Stage.APPEND_DELIMITER);
    }

    /** Runs every processor over {@code records} (in arrival order); failures of all stages are collected. */
    public ProcessingResult process(List<BufferedRecord> records, ProcessingContext context) {
        return process(records, context, true);
    }

    /**
     * As {@link #process} but without the {@code AppendDelimiterToRecord} stage, which is always last and never
     * fails: a caller that concatenates records writes {@link #delimiter()} after each itself when
     * {@link #appendsDelimiter()}, rather than having every record copied one byte longer.
     */
    public ProcessingResult processBeforeDelimiter(List<BufferedRecord> records, ProcessingContext context) {
        return process(records, context, false);
    }

    /** What {@code AppendDelimiterToRecord} appends to every record. Never modify. */
    public static byte[] delimiter() {
        return AppendDelimiterToRecord.DELIMITER.clone();
    }

    private ProcessingResult process(List<BufferedRecord> records, ProcessingContext context, boolean delimit) {
        List<ProcessedRecord> current = new ArrayList<>(records.size());
        for (BufferedRecord record : records) {
            current.add(new ProcessedRecord(record.arrivalMs(), record.data(), PartitionKeys.NONE));
        }
        ProcessingResult result = new ProcessingResult(current, List.of());
        for (Map.Entry<Stage, RecordProcessor> stage : stages.entrySet()) {
            if (delimit || stage.getKey() != Stage.APPEND_DELIMITER) {
                result = result.then(stage.getValue().process(result.records(), context));
            }
        }
        return result;
    }
}
