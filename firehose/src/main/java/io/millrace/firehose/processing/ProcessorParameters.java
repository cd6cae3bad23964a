package io.millrace.firehose.processing;

import io.millrace.firehose.model.Processor;
import io.millrace.firehose.model.ProcessorParameter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one processor by name, with the checks every processor type shares: only known names, each at
 * most once, required ones present. Refusals are {@link IllegalArgumentException}s whose message the API returns
 * (our wording [UNVERIFIED]). Immutable.
 */
final class ProcessorParameters {
    private final String type;
    private final Map<String, String> values;

    private ProcessorParameters(String type, Map<String, String> values) {
        this.type = type;
        this.values = values;
    }

    static ProcessorParameters of(Processor processor, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (processor.parameters() != null) {
            for (ProcessorParameter parameter : processor.parameters()) {
                if (!known.contains(parameter.parameterName())) {
                    throw new IllegalArgumentException("Parameter " + parameter.parameterName()
                            + " is not valid for the " + processor.type() + " processor; valid parameters are "
                            + known + ".");
                }
                if (values.put(parameter.parameterName(), parameter.parameterValue()) != null) {
                    throw new IllegalArgumentException("Parameter " + parameter.parameterName()
                            + " is given more than once for the " + processor.type() + " processor.");
                }
            }
        }
        return new ProcessorParameters(processor.type(), values);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The " + type + " processor requires the parameter " + name + ".");
        }
        return value;
    }

    String optional(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** A decimal parameter within {@code [min, max]}. */
    double number(String name, double defaultValue, double min, double max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("Parameter " + name + " of the " + type + " processor must be a "
                    + "number between " + format(min) + " and " + format(max) + ", not '" + text + "'.");
        }
        return value;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
