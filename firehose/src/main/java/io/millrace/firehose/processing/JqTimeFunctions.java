package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * jq 1.6's {@code gmtime} and {@code strftime(fmt)}, which jackson-jq does not ship and which dynamic-partitioning
 * queries use to turn epoch seconds into path segments ({@code .ts | strftime("%Y")}). As in jq, {@code strftime}
 * accepts epoch seconds or the broken-down time {@code gmtime} produces ({@code [year, month0, mday, hours, minutes,
 * seconds, wday, yday]}), always in UTC. Supported conversions: {@code %Y %y %m %d %e %H %M %S %j %a %A %b %B %h %Z
 * %z %s %F %T %D %%}; others are an error rather than a silently wrong path.
 *
 * <p>Stateless and thread-safe.
 */
final class JqTimeFunctions {

    private JqTimeFunctions() {
    }

    static void register(Scope scope) {
        scope.addFunction("gmtime", 0, (fnScope, args, in, path, output, version) ->
                output.emit(brokenDown(toTime(in)), null));
        scope.addFunction("strftime", 1, (fnScope, args, in, path, output, version) ->
                args.get(0).apply(fnScope, in, format -> {
                    if (!format.isTextual()) {
                        throw new JsonQueryException("strftime/1 requires a string format");
                    }
                    output.emit(TextNode.valueOf(strftime(format.asText(), toTime(in))), null);
                }));
    }

    private static ZonedDateTime toTime(JsonNode in) throws JsonQueryException {
        if (in.isNumber()) {
            double seconds = in.asDouble();
            long whole = (long) Math.floor(seconds);
            long nanos = Math.round((seconds - whole) * 1_000_000_000d);
            return Instant.ofEpochSecond(whole, nanos).atZone(ZoneOffset.UTC);
        }
        if (in.isArray() && in.size() >= 6) {
            double seconds = in.get(5).asDouble();
            return ZonedDateTime.of(in.get(0).asInt(), in.get(1).asInt() + 1, in.get(2).asInt(), in.get(3).asInt(),
                    in.get(4).asInt(), (int) seconds, (int) ((seconds - Math.floor(seconds)) * 1e9), ZoneOffset.UTC);
        }
        throw new JsonQueryException("strftime/1 requires parsed datetime inputs");
    }

    private static ArrayNode brokenDown(ZonedDateTime time) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        out.add(time.getYear()).add(time.getMonthValue() - 1).add(time.getDayOfMonth()).add(time.getHour())
                .add(time.getMinute()).add(time.getSecond() + time.getNano() / 1e9)
                .add(time.getDayOfWeek().getValue() % 7).add(time.getDayOfYear() - 1);
        return out;
    }

    static String strftime(String format, ZonedDateTime time) throws JsonQueryException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            out.append(conversion(format.charAt(++i), time));
        }
        return out.toString();
    }

    private static String conversion(char spec, ZonedDateTime t) throws JsonQueryException {
        return switch (spec) {
            case 'Y' -> Integer.toString(t.getYear());
            case 'y' -> two(t.getYear() % 100);
            case 'm' -> two(t.getMonthValue());
            case 'd' -> two(t.getDayOfMonth());
            case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
            case 'H' -> two(t.getHour());
            case 'M' -> two(t.getMinute());
            case 'S' -> two(t.getSecond());
            case 'j' -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
            case 'Z' -> "UTC";
            case 'z' -> "+0000";
            case 's' -> Long.toString(t.toEpochSecond());
            case 'F' -> t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
            case 'T' -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
            case 'D' -> two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(t.getYear() % 100);
            case '%' -> "%";
            default -> throw new JsonQueryException("strftime/1: the conversion %" + spec + " is not supported");
        };
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
