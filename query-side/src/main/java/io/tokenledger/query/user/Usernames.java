package io.tokenledger.query.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one spelling a typed username is compared in. Java's and PostgreSQL's case mappings disagree outside ASCII
 * (PostgreSQL's {@code lower('İ')} can be {@code i}, Java's is {@code i} with a combining dot), so a name typed two
 * ways could reach one account while counting as two: the fold happens here, once, and SQL only ever compares
 * what it gives with stored names, which are ASCII (the registration policy), lowered byte-wise.
 */
public final class Usernames {

    /** What a stored username looks like once folded: the registration policy's alphabet, lower case. */
    private static final Pattern FOLDED_ASCII = Pattern.compile("[a-z0-9._@+-]{1,64}");
    /** Longer input names no account; folding it all would only cost time and throttle memory. */
    private static final int MAX_TYPED = 256;

    private Usernames() {
    }

    /**
     * NFKC (full-width letters, the Kelvin sign, ligatures become their plain forms), the JDK's locale-independent
     * lower case as the case fold, then NFKC again, since lowering can leave a string unnormalised.
     */
    public static String fold(String typed) {
        String bounded = typed.length() > MAX_TYPED ? typed.substring(0, MAX_TYPED) : typed;
        String lowered = Normalizer.normalize(bounded, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(lowered, Normalizer.Form.NFKC);
    }

    /**
     * The folded name, if it is one a stored account can have; SQL compares it with
     * {@code lower(username COLLATE "C")}.
     */
    public static Optional<String> lookupKey(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String folded = fold(typed);
        return FOLDED_ASCII.matcher(folded).matches() ? Optional.of(folded) : Optional.empty();
    }
}
