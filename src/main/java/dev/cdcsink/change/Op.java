package dev.cdcsink.change;

/** Debezium's change operation codes ({@code op} field of the envelope). */
public enum Op {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), TRUNCATE("t");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The op for a Debezium code, or null when the code is not one Debezium defines. */
    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        return null;
    }
}
