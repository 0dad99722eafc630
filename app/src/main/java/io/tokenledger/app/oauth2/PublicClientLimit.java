package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.tokenledger.app.throttle.FailureThrottle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * A public client proves nothing, so what it starts that the ledger records (a pushed request, a device's request) is
 * bounded per address; a confidential client answers for its own. Past the bound: 429 {@code slow_down}.
 */
@Component
public class PublicClientLimit {

    private static final int PER_ADDRESS_PER_MINUTE = 20;

    private final FailureThrottle throttle;

    public PublicClientLimit(FailureThrottle throttle) {
        this.throttle = throttle;
    }

    /** Counts one request of this kind from this address. */
    public void charge(String kind, String address) {
        Optional<Duration> wait = throttle.failed(FailureThrottle.Key.perAddress(kind + "-address", address,
                PER_ADDRESS_PER_MINUTE));
        if (wait.isPresent()) {
            throw new OAuth2Exception(new ErrorObject("slow_down", "too many requests from this address; retry in "
                    + Math.max(1, wait.get().toSeconds()) + " s", 429));
        }
    }
}
