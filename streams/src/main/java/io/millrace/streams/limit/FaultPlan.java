package io.millrace.streams.limit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which operations fail on purpose, how and how often: the parsed {@code --fault-injection} setting. Syntax, a
 * comma-separated list of rules {@code Operation:kind=probability}, e.g.
 * {@code PutRecords:throttle=0.1,GetRecords:internal=0.05}; kind {@code throttle} fails the call with
 * ProvisionedThroughputExceededException, {@code internal} with InternalFailure; probabilities are in [0, 1] and
 * those of one operation add up to at most 1. Immutable.
 *
 * @param rules the rules, in the order given
 * @param seed  seed of the random draws, so a run can be repeated
 */
public record FaultPlan(List<Rule> rules, long seed) {
    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(List.of(), 0);

    /** What an injected fault answers. */
    public enum Kind {
        THROTTLE, INTERNAL
    }

    /** Fail {@code operation} with {@code kind} in a fraction {@code probability} of calls. */
    public record Rule(String operation, Kind kind, double probability) {
        public Rule {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability of " + operation + ": " + probability
                        + " (expected: 0 to 1)");
            }
        }
    }

    public FaultPlan {
        rules = List.copyOf(rules);
        Map<String, Double> totals = new HashMap<>();
        rules.forEach(rule -> totals.merge(rule.operation(), rule.probability(), Double::sum));
        totals.forEach((operation, total) -> {
            if (total > 1.0 + 1e-9) {
                throw new IllegalArgumentException("fault probabilities of " + operation + ": " + total
                        + " in total (expected: <= 1)");
            }
        });
    }

    /** Parses the flag's text (blank = no faults); IllegalArgumentException with a readable message otherwise. */
    public static FaultPlan parse(String text, long seed) {
        if (text == null || text.isBlank()) {
            return new FaultPlan(List.of(), seed);
        }
        List<Rule> rules = new ArrayList<>();
        for (String part : text.split(",")) {
            rules.add(parseRule(part.trim()));
        }
        return new FaultPlan(rules, seed);
    }

    private static Rule parseRule(String text) {
        int colon = text.indexOf(':');
        int equals = text.indexOf('=', colon + 1);
        if (colon <= 0 || equals < 0) {
            throw new IllegalArgumentException("fault rule: '" + text
                    + "' (expected: Operation:throttle=P or Operation:internal=P)");
        }
        String kind = text.substring(colon + 1, equals).trim().toUpperCase(Locale.ROOT);
        if (!Set.of("THROTTLE", "INTERNAL").contains(kind)) {
            throw new IllegalArgumentException("fault kind: '" + text.substring(colon + 1, equals)
                    + "' (expected: throttle or internal)");
        }
        String probability = text.substring(equals + 1).trim();
        try {
            return new Rule(text.substring(0, colon).trim(), Kind.valueOf(kind), Double.parseDouble(probability));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault probability: '" + probability + "' (expected: 0 to 1)", e);
        }
    }

    /** The rules for {@code operation}, in order. */
    public List<Rule> rulesFor(String operation) {
        return rules.stream().filter(rule -> rule.operation().equals(operation)).toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
