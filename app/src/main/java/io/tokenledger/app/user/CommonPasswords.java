package io.tokenledger.app.user;

import com.nulabinc.zxcvbn.StandardDictionaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords an attacker tries first (OWASP ASVS V2.1.7, NIST SP 800-63B §5.1.1.2): the 30,000 most common of a
 * 10-million-password breach corpus, as zxcvbn ships them, compared whatever their case.
 */
final class CommonPasswords {

    private CommonPasswords() {
    }

    static boolean contains(String password) {
        return Holder.PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }

    /** Loaded on the first registration, not at start-up. */
    private static final class Holder {
        private static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            try {
                return Set.copyOf(StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary().keySet());
            } catch (IOException e) {
                throw new UncheckedIOException("zxcvbn's password list is missing from the classpath", e);
            }
        }
    }
}
