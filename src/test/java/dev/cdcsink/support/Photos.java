package dev.cdcsink.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Map;

import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.TableId;

/**
 * {@code listing_photos} in tests, the table with a composite primary key ({@code listing_id},
 * {@code photo_no}): rows built for the schema the real connector sends for it.
 */
public final class Photos {

    public static final TableId SOURCE = TableId.of("shop", "listing_photos");

    private Photos() {
    }

    public static DebeziumEvents events() {
        return DebeziumEvents.of("listing_photos/schemas-source-types/c.json");
    }

    /** Row number {@code n} (1, 2, 3 …) is photo {@code (n - 1) % 2 + 1} of listing {@code 1000 + (n - 1) / 2}. */
    public static RowKey key(long n) {
        return new RowKey(1000 + (n - 1) / 2, (n - 1) % 2 + 1);
    }

    public static String where(long n) {
        RowKey key = key(n);
        return "listing_id = " + key.get(0) + " AND photo_no = " + key.get(1);
    }

    public static String caption(long n, int version) {
        return "Fotoğraf " + key(n) + " sürüm " + version + " 🏠";
    }

    public static Row row(long n, int version) {
        RowKey key = key(n);
        Map<String, Object> values = Map.of("listing_id", key.get(0), "photo_no", key.get(1),
                "url", "https://cdn.ornek.com.tr/ilan/" + key.get(0) + "/" + key.get(1) + ".jpg",
                "caption", caption(n, version), "width", 4032L, "height", 3024L + version,
                "sha256", sha256(caption(n, version)),
                "uploaded_at", LocalDateTime.of(2026, 11, 21, 10, 0, 0, 654_321_000).plusSeconds(version));
        EventSchema schema = events().schema();
        Object[] row = new Object[schema.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(schema.columns().get(i).name());
        }
        return new Row(row);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
