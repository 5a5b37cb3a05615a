package dev.cdcsink.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Photos of a listing: CDN addresses under the listing's id, Turkish captions (or none), common
 * camera and phone sizes, and a SHA-256 of the file (random bytes: the file itself is imaginary).
 * Draws from the random sequence it is given, so one seed fixes listings and photos alike.
 */
public final class PhotoFaker {

    /** A photo as an insert writes it; the upload time comes from the clock. */
    public record NewPhoto(String url, String caption, int width, int height, byte[] sha256) {
    }

    /** A photo uploaded again: a new file, its size and perhaps a new caption. */
    public record Revision(String caption, int width, int height, byte[] sha256) {
    }

    /** The most photos a new listing comes with. */
    static final int MAX_PHOTOS_OF_NEW_LISTING = 4;

    private static final List<String> CAPTIONS = List.of("Salon — deniz manzaralı", "Mutfak", "Yatak odası",
            "Banyo (yeni yapıldı)", "Bahçe ve havuz", "Ön görünüm", "İç mekân, gündüz çekimi", "Motor bölmesi",
            "Kilometre göstergesi", "Kutusu ve faturası 🧾", "Çalışırken çekildi", "Arka bahçeden görünüm 🌳");

    /** Width × height pairs. */
    private static final List<int[]> SIZES = List.of(new int[] { 1920, 1080 }, new int[] { 1080, 1920 },
            new int[] { 4032, 3024 }, new int[] { 3024, 4032 }, new int[] { 1600, 1200 }, new int[] { 800, 600 });

    private final SplittableRandom random;

    public PhotoFaker(SplittableRandom random) {
        this.random = random;
    }

    /** How many photos a new listing comes with: none for about a third, else 1 to {@value #MAX_PHOTOS_OF_NEW_LISTING}. */
    public int photosOfNewListing() {
        return random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(MAX_PHOTOS_OF_NEW_LISTING);
    }

    public NewPhoto newPhoto(long listingId, int photoNo) {
        int[] size = SIZES.get(random.nextInt(SIZES.size()));
        return new NewPhoto("https://cdn.ornek.com.tr/ilan/" + listingId + "/" + photoNo + ".jpg", caption(),
                size[0], size[1], sha256());
    }

    public Revision revise() {
        int[] size = SIZES.get(random.nextInt(SIZES.size()));
        return new Revision(caption(), size[0], size[1], sha256());
    }

    /** A caption for most photos, none (NULL) for about a quarter. */
    private String caption() {
        return random.nextInt(4) == 0 ? null : CAPTIONS.get(random.nextInt(CAPTIONS.size()));
    }

    private byte[] sha256() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return hash;
    }
}
