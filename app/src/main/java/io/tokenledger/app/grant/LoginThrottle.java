package io.tokenledger.app.grant;

import io.tokenledger.app.throttle.FailureThrottle;
import io.tokenledger.app.throttle.FailureThrottle.Key;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Slows down password guessing, per account and per address. */
@Component
public class LoginThrottle {

    private static final int PER_ACCOUNT = 5;

    private final FailureThrottle throttle;
    private final int perAddress;

    public LoginThrottle(FailureThrottle throttle,
                         @Value("${ledger.login-failures-per-address:20}") int perAddress) {
        this.throttle = throttle;
        this.perAddress = perAddress;
    }

    /** How long the caller must wait before another attempt, if at all. */
    public Optional<Duration> waitFor(String username, String address) {
        return throttle.waitFor(account(username), address(address));
    }

    public void failed(String username, String address) {
        throttle.failed(account(username), address(address));
    }

    public void succeeded(String username) {
        throttle.forget(account(username));
    }

    private static Key account(String username) {
        return new Key("account", username == null ? "" : username.toLowerCase(Locale.ROOT), PER_ACCOUNT);
    }

    private Key address(String address) {
        return new Key("login-address", address, perAddress);
    }
}
