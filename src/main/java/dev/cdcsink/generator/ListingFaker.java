package dev.cdcsink.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible classified ads: Turkish cities and districts, classifieds categories, titles with
 * non-ASCII letters, prices with two decimals in TRY, EUR or USD. Everything comes from one
 * seeded random sequence, so the same seed gives the same listings in the same order. Not
 * thread-safe: the generator calls it from its one scheduler thread.
 */
public final class ListingFaker {

    /** What an insert writes; the id and timestamps come from the database and the clock. */
    public record NewListing(long sellerId, String title, String category, String city, BigDecimal price,
            String currency) {
    }

    /** An active listing as read back for an update. */
    public record ActiveListing(long id, String title, BigDecimal price) {
    }

    /** What an update changes: a new title, price and status (equal to the old ones where unchanged). */
    public record Revision(String title, BigDecimal price, String status) {
    }

    private record City(String name, List<String> districts) {
    }

    /** A category with title templates ({@code %s} = district) and a price range in TRY. */
    private record Category(String name, List<String> titles, long minPrice, long maxPrice) {
    }

    private static final List<City> CITIES = List.of(
            new City("İstanbul", List.of("Şişli", "Kadıköy", "Beşiktaş", "Üsküdar", "Beyoğlu", "Ataşehir")),
            new City("Ankara", List.of("Çankaya", "Keçiören", "Yenimahalle", "Gölbaşı")),
            new City("İzmir", List.of("Karşıyaka", "Bornova", "Çeşme", "Urla")),
            new City("Muğla", List.of("Ölüdeniz", "Bodrum", "Datça", "Marmaris")),
            new City("Antalya", List.of("Muratpaşa", "Kaş", "Alanya", "Konyaaltı")),
            new City("Bursa", List.of("Nilüfer", "Osmangazi", "Mudanya")),
            new City("Eskişehir", List.of("Odunpazarı", "Tepebaşı")),
            new City("Trabzon", List.of("Ortahisar", "Akçaabat", "Uzungöl")),
            new City("Gaziantep", List.of("Şahinbey", "Şehitkamil")));

    private static final List<Category> CATEGORIES = List.of(
            new Category("Emlak", List.of("Satılık 3+1 daire, %s", "Kiralık 2+1 eşyalı daire – %s",
                    "%s merkezde satılık dükkân", "Deniz manzaralı 4+1 villa, %s", "Öğrenciye uygun 1+1 – %s"),
                    15_000, 25_000_000),
            new Category("Vasıta", List.of("Sahibinden Fiat Egea 1.3 Multijet – %s", "Renault Clio 2019, az kilometrede",
                    "Tofaş Şahin 1993, orijinal boya – %s", "Volkswagen Passat hatasız, değişensiz",
                    "Toyota Corolla hibrit, %s plakalı"), 150_000, 3_500_000),
            new Category("İkinci El ve Sıfır Alışveriş", List.of("iPhone 15 128 GB, kutulu – %s",
                    "Çalışma masası ve sandalye, az kullanılmış", "Bulaşık makinesi, garantili – %s",
                    "Çocuk bisikleti (6-9 yaş)", "Döküm çaydanlık ve semaver takımı"), 250, 90_000),
            new Category("Yedek Parça, Aksesuar", List.of("Orijinal far takımı – %s", "Kışlık lastik 205/55 R16, 4 adet",
                    "Çeki demiri, montaj dâhil – %s"), 300, 40_000),
            new Category("İş Makineleri & Sanayi", List.of("Forklift 3 ton, bakımlı – %s", "Kompresör 500 lt, çift kademe",
                    "Torna tezgâhı, 3 fazlı – %s"), 20_000, 4_000_000),
            new Category("Hayvanlar Âlemi", List.of("Van kedisi yavrusu, aşıları tam – %s", "Kangal köpeği, 2 yaşında",
                    "Muhabbet kuşu çifti, kafesiyle – %s"), 100, 25_000));

    private final SplittableRandom random;

    public ListingFaker(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * The random sequence shared with the op mix and the photo and details fakers, so one seed fixes
     * the whole run's choices.
     */
    public SplittableRandom random() {
        return random;
    }

    public NewListing newListing() {
        City city = pick(CITIES);
        Category category = pick(CATEGORIES);
        String title = String.format(pick(category.titles()), pick(city.districts()));
        String currency = currency();
        BigDecimal priceTry = priceBetween(category.minPrice(), category.maxPrice());
        BigDecimal price = switch (currency) {
            case "EUR" -> priceTry.divide(BigDecimal.valueOf(48), 2, RoundingMode.HALF_EVEN);
            case "USD" -> priceTry.divide(BigDecimal.valueOf(42), 2, RoundingMode.HALF_EVEN);
            default -> priceTry;
        };
        return new NewListing(1000 + random.nextLong(9000), title, category.name(), city.name(),
                price.max(new BigDecimal("0.01")), currency);
    }

    /** Mostly price changes on a live listing, sometimes the end of its life as SOLD or EXPIRED. */
    public Revision revise(ActiveListing listing) {
        int draw = random.nextInt(100);
        if (draw < 20) {
            return new Revision(listing.title(), listing.price(), "SOLD");
        }
        if (draw < 30) {
            return new Revision(listing.title(), listing.price(), "EXPIRED");
        }
        // a discount of 1–15 %, to the cent
        BigDecimal factor = BigDecimal.valueOf(100 - 1 - random.nextInt(15), 2);
        BigDecimal price = listing.price().multiply(factor).setScale(2, RoundingMode.HALF_EVEN).max(new BigDecimal("0.01"));
        String marker = " (fiyat düştü)";
        String title = listing.title().endsWith(marker) ? listing.title() : listing.title() + marker;
        return new Revision(title, price, "ACTIVE");
    }

    /** Picks a key at or after which to look for an existing row, within {@code [min, max]}. */
    public long pivot(long min, long max) {
        return min + random.nextLong(max - min + 1);
    }

    private String currency() {
        int draw = random.nextInt(100);
        return draw < 80 ? "TRY" : draw < 92 ? "EUR" : "USD";
    }

    /** Prices in whole lira half the time, to the kuruş otherwise. */
    private BigDecimal priceBetween(long min, long max) {
        long lira = min + random.nextLong(max - min + 1);
        long kurus = random.nextBoolean() ? 0 : random.nextInt(100);
        return BigDecimal.valueOf(lira * 100 + kurus, 2);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
