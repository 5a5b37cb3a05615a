package dev.cdcsink.generator;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * A listing's details, in the wide column types of {@code listing_details}: JSON attributes that
 * depend on the category, an ENUM condition, a SET of features, a DECIMAL area, TINYINT rooms,
 * a YEAR, a BOOLEAN, a BIT(8) of flags, a TIME, a small BLOB thumbnail and a POINT in Türkiye
 * with SRID 4326. Every value lies within its column's range. Draws from the random sequence it
 * is given, so one seed fixes listings and details alike.
 */
public final class DetailsFaker {

    /**
     * What an insert writes; {@code published} sets {@code published_at} to the write's time, else
     * it stays NULL (a draft). {@code features} are SET members comma-joined in definition order.
     */
    public record NewDetails(String attributes, String itemCondition, String features, BigDecimal areaM2,
            Integer rooms, Integer buildYear, boolean featured, int flags, boolean published, LocalTime visitingFrom,
            byte[] thumbnail, Location location) {
    }

    /** What an update changes: fresh attributes and features, more views, the flags; a draft gets published. */
    public record Revision(String attributes, String features, boolean featured, int flags, int moreViews) {
    }

    /**
     * A point as longitude and latitude, 4 decimals. Both lie in [-90, 90], so the point is valid
     * whichever axis order the server reads SRID 4326 text in (MySQL 8: latitude first; MariaDB: x first).
     */
    public record Location(double longitude, double latitude) {

        public static final int SRID = 4326;

        public String wkt() {
            return String.format(Locale.ROOT, "POINT(%.4f %.4f)", longitude, latitude);
        }
    }

    /** The members of {@code features}, in the SET's definition order. */
    static final List<String> FEATURES = List.of("garage", "garden", "balcony", "elevator", "parking", "furnished",
            "pets_allowed");
    static final List<String> CONDITIONS = List.of("new", "like_new", "used", "for_parts");
    /** The newest build or model year; a constant rather than the clock, so the seed alone decides. */
    static final int NEWEST_YEAR = 2026;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ROOMS = List.of("1+0", "1+1", "2+1", "3+1", "4+1", "5+2");
    private static final List<String> HEATING = List.of("doğalgaz (kombi)", "merkezi", "klima", "soba", "yerden ısıtma");
    private static final List<String> FUELS = List.of("benzin", "dizel", "LPG", "hibrit", "elektrik");
    private static final List<String> COLOURS = List.of("beyaz", "siyah", "gri", "kırmızı", "lacivert");
    private static final List<String> NOTES = List.of("Pazarlık payı var", "Takas olur 🔁", "Acil satılık!",
            "Sadece ciddi alıcılar 🙏", "Metroya 5 dk 🚇");

    private final SplittableRandom random;

    public DetailsFaker(SplittableRandom random) {
        this.random = random;
    }

    /** Whether a new listing comes with its details row: about three in five do. */
    public boolean describesNewListing() {
        return random.nextInt(5) < 3;
    }

    public NewDetails newDetails(String category) {
        boolean property = category.equals("Emlak");
        boolean vehicle = category.equals("Vasıta");
        String condition = property ? CONDITIONS.get(random.nextInt(3))
                : vehicle ? CONDITIONS.get(1 + random.nextInt(3)) : CONDITIONS.get(random.nextInt(CONDITIONS.size()));
        BigDecimal area = property ? BigDecimal.valueOf(3_500 + random.nextLong(41_500), 2) : null;
        // boxed on purpose: "cond ? int : null" would unbox the null
        Integer rooms = property ? Integer.valueOf(1 + random.nextInt(8)) : null;
        Integer year = property ? Integer.valueOf(random.nextInt(1950, NEWEST_YEAR + 1))
                : vehicle ? Integer.valueOf(random.nextInt(1985, NEWEST_YEAR + 1)) : null;
        LocalTime visiting = property ? LocalTime.of(9, 0).plusMinutes(30L * random.nextInt(20)) : null;
        return new NewDetails(attributes(category), condition, property ? features() : "", area, rooms, year,
                random.nextInt(6) == 0, random.nextInt(256), random.nextInt(10) > 0, visiting, thumbnail(), location());
    }

    public Revision revise(String category) {
        return new Revision(attributes(category), category.equals("Emlak") ? features() : "", random.nextInt(6) == 0,
                random.nextInt(256), 1 + random.nextInt(250));
    }

    /** Category-dependent attributes as JSON text (non-ASCII keys, a decimal, a boolean, an array); NULL for one in ten. */
    private String attributes(String category) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        switch (category) {
            case "Emlak" -> {
                attributes.put("oda_sayısı", pick(ROOMS));
                attributes.put("kat", random.nextInt(-1, 21));
                attributes.put("ısınma", pick(HEATING));
                attributes.put("aidat_TL", BigDecimal.valueOf(random.nextLong(500_000), 2));
                attributes.put("krediye_uygun", random.nextBoolean());
            }
            case "Vasıta" -> {
                attributes.put("kilometre", random.nextInt(400_000));
                attributes.put("yakıt", pick(FUELS));
                attributes.put("renk", pick(COLOURS));
                attributes.put("hasar_kaydı", random.nextBoolean());
            }
            default -> {
                attributes.put("garanti", random.nextBoolean());
                attributes.put("kargo", random.nextBoolean() ? "alıcı öder" : "satıcı öder");
            }
        }
        if (random.nextBoolean()) {
            attributes.put("etiketler", List.of(pick(NOTES), pick(NOTES)));
        }
        return JSON.writeValueAsString(attributes);
    }

    /** Each member with even odds, in definition order (the empty set included). */
    private String features() {
        List<String> members = new ArrayList<>();
        for (String feature : FEATURES) {
            if (random.nextBoolean()) {
                members.add(feature);
            }
        }
        return String.join(",", members);
    }

    /** A tiny JPEG-looking blob (start and end markers around random bytes, 0x00 and 0xFF among them); NULL for one in five. */
    private byte[] thumbnail() {
        if (random.nextInt(5) == 0) {
            return null;
        }
        byte[] body = new byte[8 + random.nextInt(33)];
        random.nextBytes(body);
        byte[] jpeg = new byte[body.length + 6];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        jpeg[3] = (byte) 0xE0;
        System.arraycopy(body, 0, jpeg, 4, body.length);
        jpeg[jpeg.length - 2] = (byte) 0xFF;
        jpeg[jpeg.length - 1] = (byte) 0xD9;
        return jpeg;
    }

    /** Somewhere in Türkiye's bounding box (longitude 26–45 E, latitude 36–42 N); no location for one in ten. */
    private Location location() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        return new Location(random.nextLong(260_000, 450_001) / 10_000.0, random.nextLong(360_000, 420_001) / 10_000.0);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
