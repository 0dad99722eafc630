package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.commanding.SecurityEvents;
import io.tokenledger.app.consent.Consents;
import io.tokenledger.app.oauth2.BrowserRedirect;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.security.SignInForm;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.projections.metrics.LedgerMetrics;
import io.tokenledger.query.session.OpenSession;
import io.tokenledger.query.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1): a login form for the user, a consent page for a third-party
 * client, then a redirect to the client with {@code code}, {@code state} and {@code iss} (RFC 9207).
 */
@Controller
public class AuthorizeEndpoint {

    private final AuthorizationRequests requests;
    private final UserAuthenticator users;
    private final LoginThrottle throttle;
    private final CodeIssuer codes;
    private final IssuerResolver issuer;
    private final SecurityEvents security;
    private final Sessions sessions;
    private final Consents consents;
    private final Clock clock;
    private final Counter throttled;

    public AuthorizeEndpoint(AuthorizationRequests requests, UserAuthenticator users, LoginThrottle throttle,
                             CodeIssuer codes, IssuerResolver issuer, SecurityEvents security, Sessions sessions,
                             Consents consents, Clock clock, MeterRegistry registry) {
        this.security = security;
        this.consents = consents;
        this.sessions = sessions;
        this.clock = clock;
        this.throttled = LedgerMetrics.signInFailures(registry, true);
        this.requests = requests;
        this.users = users;
        this.throttle = throttle;
        this.codes = codes;
        this.issuer = issuer;
    }

    /**
     * A browser whose session may answer (OpenID Connect Core §3.1.2.3) gets its code without the form; otherwise
     * the form, unless {@code prompt=none} forbids showing it ({@code login_required}).
     */
    @GetMapping("/oauth2/authorize")
    public ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
        AuthorizationRequest authorization = requests.validate(request);
        Optional<OpenSession> session = sessions.current(request)
                .filter(open -> authorization.acceptsSignIn(open.userId(), open.startedAt(), clock.instant()));
        if (session.isPresent()) {
            return signedIn(authorization, session.get().userId(), Sessions.authentication(session.get()), response);
        }
        if (authorization.silent()) {
            throw AuthorizationError.redirect(new ErrorObject("login_required",
                    "the user must sign in, and prompt=none forbids showing the form", 302),
                    authorization.redirectUri(), authorization.state());
        }
        return loginPage(authorization, authorization.loginHint(), null, HttpStatus.OK, response);
    }

    /**
     * The sign-in form's submission, or an authorization request sent by POST (OpenID Connect Core §3.1.2.1), which
     * carries no credentials and is answered as the GET is.
     */
    @PostMapping("/oauth2/authorize")
    public ModelAndView login(HttpServletRequest request, HttpServletResponse response) {
        if (!SignInForm.submitted(request)) {
            return form(request, response);
        }
        AuthorizationRequest authorization = requests.continuing(request);
        String username = request.getParameter("username");
        Optional<UserAccount> account = users.find(username);
        LoginThrottle.Attempt attempt = throttle.attempt(account, username, request.getRemoteAddr());
        Optional<Duration> wait = attempt.waitFor();
        if (wait.isPresent()) {
            return slowedDown(authorization, username, wait.get(), response);
        }
        UserAuthenticator.SignIn signIn = users.authenticate(account, request.getParameter("password"));
        if (!signIn.accepted()) {
            Optional<Duration> slowed = attempt.failed();
            if (slowed.isPresent()) {
                return slowedDown(authorization, username, slowed.get(), response);
            }
            security.userSignInFailed(signIn.userId(), authorization.client().clientId());
            return loginPage(authorization, username, "Wrong username or password.", HttpStatus.OK, response);
        }
        attempt.succeeded();
        String userId = signIn.account().userId();
        return signedIn(authorization, userId, sessions.start(userId, request, response), response);
    }

    /**
     * The consent page's answer (OpenID Connect Core §3.1.2.4), from the signed-in browser that was shown it: allow
     * records the consent and sends the code, deny sends {@code access_denied}. A browser whose session ended in
     * between signs in again.
     */
    @PostMapping("/oauth2/authorize/consent")
    public ModelAndView consent(HttpServletRequest request, HttpServletResponse response) {
        AuthorizationRequest authorization = requests.continuing(request);
        Optional<OpenSession> session = sessions.current(request);
        if (session.isEmpty()) {
            return loginPage(authorization, authorization.loginHint(), "Your sign-in has ended. Sign in again.",
                    HttpStatus.OK, response);
        }
        String decision = request.getParameter("decision");
        if ("deny".equals(decision)) {
            throw AuthorizationError.redirect(new ErrorObject("access_denied",
                    "the user did not allow the client what it asked for", 302), authorization.redirectUri(),
                    authorization.state());
        }
        if (!"allow".equals(decision)) {
            throw AuthorizationError.page("decision must be allow or deny");
        }
        String userId = session.get().userId();
        consents.grant(userId, authorization.client().clientId(), authorization.scopes(), session.get().sessionId());
        return codeFor(authorization, userId, Sessions.authentication(session.get()), response);
    }

    /**
     * A signed-in user gets the code, once a third-party client has their consent; {@code prompt=none} forbids
     * asking for it ({@code consent_required}).
     */
    private ModelAndView signedIn(AuthorizationRequest authorization, String userId, Authentication signIn,
                                  HttpServletResponse response) {
        if (!consents.needed(authorization.client(), userId, authorization.scopes(), authorization.consentForced())) {
            return codeFor(authorization, userId, signIn, response);
        }
        if (authorization.silent()) {
            throw AuthorizationError.redirect(new ErrorObject("consent_required",
                    "the user must allow the client, and prompt=none forbids asking", 302),
                    authorization.redirectUri(), authorization.state());
        }
        ModelAndView page = new ModelAndView("consent");
        page.addObject("parameters", authorization.parameters());
        page.addObject("clientName", authorization.client().clientName());
        page.addObject("scopes", authorization.scopes());
        noStore(response);
        return page;
    }

    private ModelAndView codeFor(AuthorizationRequest authorization, String userId, Authentication signIn,
                                 HttpServletResponse response) {
        String code = codes.issue(authorization, userId, signIn);
        return redirect(authorization.redirectUri(), Map.of("code", code), authorization.state(), response);
    }

    /** Counted, not recorded, as for clients: a flood of refused guesses must not become a flood of appends. */
    private ModelAndView slowedDown(AuthorizationRequest authorization, String username, Duration wait,
                                    HttpServletResponse response) {
        throttled.increment();
        return loginPage(authorization, username, "Too many failed sign-in attempts. Try again in "
                + Math.max(1, wait.toSeconds()) + " seconds.", HttpStatus.TOO_MANY_REQUESTS, response);
    }

    @ExceptionHandler(AuthorizationError.class)
    public ModelAndView refused(AuthorizationError e, HttpServletResponse response) {
        if (e.redirectUri() == null) {
            ModelAndView page = new ModelAndView("authorize-error", Map.of("message", e.error().getDescription()));
            page.setStatus(HttpStatus.BAD_REQUEST);
            noStore(response);
            return page;
        }
        ErrorObject error = e.error();
        return redirect(e.redirectUri(), Map.of("error", error.getCode(), "error_description", error.getDescription()),
                e.state(), response);
    }

    private ModelAndView loginPage(AuthorizationRequest authorization, String username, String message,
                                   HttpStatus status, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("login");
        page.addObject("parameters", authorization.parameters());
        page.addObject("clientName", authorization.client().clientName());
        page.addObject("scopes", authorization.scopes());
        page.addObject("username", username);
        page.addObject("message", message);
        page.setStatus(status);
        noStore(response);
        return page;
    }

    /** RFC 6749 §4.1.2 with RFC 9207's {@code iss}, so the client can tell which server answered. */
    private ModelAndView redirect(URI redirectUri, Map<String, String> parameters, String state,
                                  HttpServletResponse response) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer.issuer());
        return BrowserRedirect.to(redirectUri, all, response);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
