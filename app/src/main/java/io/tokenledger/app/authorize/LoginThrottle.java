package io.tokenledger.app.authorize;

import io.tokenledger.app.throttle.Addresses;
import io.tokenledger.app.throttle.FailureThrottle.Key;
import io.tokenledger.app.throttle.FailureThrottle;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.Usernames;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing as OWASP ASVS 2.2.1 describes: per account and address (tight, so a guesser is
 * slowed down at once), per account alone (loose, so guessing from many addresses is bounded while failures from
 * one address do not keep the real user out), and per address (so spraying many accounts is slowed down too).
 */
@Component
public class LoginThrottle {

    private static final int PER_ACCOUNT_AND_ADDRESS = 5;
    private static final Duration HOUR = Duration.ofHours(1);

    private final FailureThrottle throttle;
    private final int perAccount;
    private final int perAddress;

    public LoginThrottle(FailureThrottle throttle,
                         @Value("${ledger.login-failures-per-account:100}") int perAccount,
                         @Value("${ledger.login-failures-per-address:20}") int perAddress) {
        this.throttle = throttle;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    /**
     * One sign-in attempt's buckets. An existing account is counted by its id, so every spelling that reaches it
     * shares its buckets; an unknown name by its folded spelling.
     */
    public Attempt attempt(Optional<UserAccount> account, String typed, String address) {
        String who = account.map(found -> "id:" + found.userId())
                            .orElseGet(() -> "name:" + Usernames.fold(typed == null ? "" : typed));
        String block = Addresses.block(address);
        return new Attempt(new Key("account-address", who + " " + block, PER_ACCOUNT_AND_ADDRESS),
                new Key("account", who, perAccount, HOUR), new Key("login-address", block, perAddress));
    }

    public final class Attempt {

        private final Key accountAtAddress;
        private final Key[] all;

        private Attempt(Key accountAtAddress, Key account, Key address) {
            this.accountAtAddress = accountAtAddress;
            this.all = new Key[] {accountAtAddress, account, address};
        }

        /** How long the caller must wait before trying, if at all. */
        public Optional<Duration> waitFor() {
            return throttle.waitFor(all);
        }

        /** Empty when counted; how long to wait when a concurrent failure emptied a bucket first. */
        public Optional<Duration> failed() {
            return throttle.failed(all);
        }

        /** The user is back from this address; the account's own bound keeps counting what others tried. */
        public void succeeded() {
            throttle.forget(accountAtAddress);
        }
    }
}
