package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.tokenledger.app.consent.Consents;
import io.tokenledger.app.oauth2.BrowserRedirect;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.security.SignInForm;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.query.session.OpenSession;
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
    private final PasswordSignIn signIn;
    private final CodeIssuer codes;
    private final IssuerResolver issuer;
    private final Sessions sessions;
    private final Consents consents;
    private final Clock clock;

    public AuthorizeEndpoint(AuthorizationRequests requests, PasswordSignIn signIn, CodeIssuer codes,
                             IssuerResolver issuer, Sessions sessions, Consents consents, Clock clock) {
        this.requests = requests;
        this.signIn = signIn;
        this.codes = codes;
        this.issuer = issuer;
        this.sessions = sessions;
        this.consents = consents;
        this.clock = clock;
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
        PasswordSignIn.Result result = signIn.attempt(username, request.getParameter("password"),
                authorization.client().clientId(), request, response);
        if (result instanceof PasswordSignIn.Refused refused) {
            return loginPage(authorization, username, refused.message(), refused.status(), response);
        }
        PasswordSignIn.SignedIn signedIn = (PasswordSignIn.SignedIn) result;
        return signedIn(authorization, signedIn.userId(), signedIn.authentication(), response);
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
        describeClient(page, authorization);
        page.addObject("scopes", authorization.scopes());
        noStore(response);
        return page;
    }

    private ModelAndView codeFor(AuthorizationRequest authorization, String userId, Authentication signIn,
                                 HttpServletResponse response) {
        String code = codes.issue(authorization, userId, signIn);
        return redirect(authorization.redirectUri(), Map.of("code", code), authorization.state(), response);
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
        describeClient(page, authorization);
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

    /**
     * The client's name, and for one named by its metadata document's URL the host that serves it: the name is
     * whatever the document says, the host is what the user can check.
     */
    private static void describeClient(ModelAndView page, AuthorizationRequest authorization) {
        page.addObject("clientName", authorization.client().clientName());
        String clientId = authorization.client().clientId();
        page.addObject("clientHost", clientId.startsWith("http") ? URI.create(clientId).getHost() : null);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
