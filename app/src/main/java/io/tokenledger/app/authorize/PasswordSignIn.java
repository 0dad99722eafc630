package io.tokenledger.app.authorize;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.commanding.SecurityEvents;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.projections.metrics.LedgerMetrics;
import io.tokenledger.query.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * A user signing in with the password form, wherever it is shown (the authorization endpoint, the device
 * verification page): throttled per account and address, a refusal recorded as {@code UserSignInFailed} unless
 * throttled, a success starting a sign-in session.
 */
@Component
public class PasswordSignIn {

    private final UserAuthenticator users;
    private final LoginThrottle throttle;
    private final SecurityEvents security;
    private final Sessions sessions;
    private final Counter throttled;

    public PasswordSignIn(UserAuthenticator users, LoginThrottle throttle, SecurityEvents security, Sessions sessions,
                          MeterRegistry registry) {
        this.users = users;
        this.throttle = throttle;
        this.security = security;
        this.sessions = sessions;
        this.throttled = LedgerMetrics.signInFailures(registry, true);
    }

    /** What came of an attempt: a session, or the message and status the form is shown again with. */
    public sealed interface Result permits SignedIn, Refused {
    }

    public record SignedIn(String userId, Authentication authentication) implements Result {
    }

    public record Refused(String message, HttpStatus status) implements Result {
    }

    /** @param clientId the client the user is signing in for, which the refusal's record names */
    public Result attempt(String username, String password, String clientId, HttpServletRequest request,
                          HttpServletResponse response) {
        Optional<UserAccount> account = users.find(username);
        LoginThrottle.Attempt attempt = throttle.attempt(account, username, request.getRemoteAddr());
        Optional<Duration> wait = attempt.waitFor();
        if (wait.isPresent()) {
            return slowedDown(wait.get());
        }
        UserAuthenticator.SignIn signIn = users.authenticate(account, password);
        if (!signIn.accepted()) {
            Optional<Duration> slowed = attempt.failed();
            if (slowed.isPresent()) {
                return slowedDown(slowed.get());
            }
            security.userSignInFailed(signIn.userId(), clientId);
            return new Refused("Wrong username or password.", HttpStatus.OK);
        }
        attempt.succeeded();
        String userId = signIn.account().userId();
        return new SignedIn(userId, sessions.start(userId, request, response));
    }

    /** Counted, not recorded, as for clients: a flood of refused guesses must not become a flood of appends. */
    private Refused slowedDown(Duration wait) {
        throttled.increment();
        return new Refused("Too many failed sign-in attempts. Try again in " + Math.max(1, wait.toSeconds())
                           + " seconds.", HttpStatus.TOO_MANY_REQUESTS);
    }
}
