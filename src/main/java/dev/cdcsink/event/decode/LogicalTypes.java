package dev.cdcsink.event.decode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The logical types this service decodes, by schema name. A name not listed decodes as its Connect type. */
public final class LogicalTypes {

    private static final Map<String, LogicalType> BY_NAME = index(Stream.concat(Stream.<LogicalType>of(
            new ConnectDecimal(),
            new VariableScaleDecimal(),
            new EpochDayDate(),
            new MillisTimestamp(),
            new MicroTimestamp(),
            new NanoTimestamp(),
            new ZonedTimestamp(),
            new MillisTime(),
            new MicroTime(),
            new NanoTime(),
            new Year(),
            new DebeziumEnum(),
            new Bits(),
            new Spatial()), TextualTypes.all().stream()).toList());

    private LogicalTypes() {
    }

    /** The logical type with that schema name, or null (also for a null name). */
    public static LogicalType forName(String schemaName) {
        return schemaName == null ? null : BY_NAME.get(schemaName);
    }

    private static Map<String, LogicalType> index(List<LogicalType> types) {
        Map<String, LogicalType> byName = new HashMap<>();
        for (LogicalType type : types) {
            for (String name : type.schemaNames()) {
                byName.put(name, type);
            }
        }
        return Map.copyOf(byName);
    }
}
