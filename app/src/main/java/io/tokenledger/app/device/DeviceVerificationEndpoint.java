package io.tokenledger.app.device;

import io.tokenledger.app.authorize.PasswordSignIn;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.app.throttle.FailureThrottle;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.DecideDeviceAuthorization;
import io.tokenledger.query.device.DeviceAuthorization;
import io.tokenledger.query.device.DeviceAuthorizationLookup;
import io.tokenledger.query.session.OpenSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The verification page of the device authorization grant (RFC 8628 §3.3): a user signs in, enters the code the
 * device shows, sees which client asks for what, and approves or denies. Unknown codes are counted per address and
 * refused for a while past a bound (§5.1), recording nothing; only a decision is recorded, with the user as actor.
 */
@Controller
public class DeviceVerificationEndpoint {

    /** §5.1: with 20^8 codes and ten tries a minute per address, guessing a live code is hopeless. */
    private static final int CODE_TRIES_PER_MINUTE = 10;
    private static final String USER_CODE = "user_code";

    private final DeviceAuthorizationLookup devices;
    private final PasswordSignIn signIn;
    private final Sessions sessions;
    private final FailureThrottle throttle;
    private final CommandGateway commands;
    private final UserCodes userCodes;
    private final Clock clock;

    DeviceVerificationEndpoint(DeviceAuthorizationLookup devices, PasswordSignIn signIn, Sessions sessions,
                               FailureThrottle throttle, CommandGateway commands, UserCodes userCodes, Clock clock) {
        this.devices = devices;
        this.signIn = signIn;
        this.sessions = sessions;
        this.throttle = throttle;
        this.commands = commands;
        this.userCodes = userCodes;
        this.clock = clock;
    }

    /** The form; {@code verification_uri_complete} fills in the code. */
    @GetMapping(DeviceAuthorizationEndpoint.VERIFICATION_PATH)
    public ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
        return page(request.getParameter(USER_CODE), null, HttpStatus.OK, sessions.current(request).isPresent(),
                response);
    }

    /** The code, and the credentials of a browser not signed in yet: on success, what the device asks for. */
    @PostMapping(DeviceAuthorizationEndpoint.VERIFICATION_PATH)
    public ModelAndView enter(HttpServletRequest request, HttpServletResponse response) {
        String typed = request.getParameter(USER_CODE);
        Optional<OpenSession> session = sessions.current(request);
        Optional<DeviceAuthorization> device = pending(typed, request.getRemoteAddr());
        if (device.isEmpty()) {
            return refusedCode(typed, request, session.isPresent(), response);
        }
        if (session.isEmpty()) {
            PasswordSignIn.Result result = signIn.attempt(request.getParameter("username"),
                    request.getParameter("password"), device.get().clientId(), request, response);
            if (result instanceof PasswordSignIn.Refused refused) {
                return page(typed, refused.message(), refused.status(), false, response);
            }
        }
        ModelAndView confirm = view("device-confirm", HttpStatus.OK, response);
        confirm.addObject("userCode", typed);
        confirm.addObject("clientName", device.get().clientName());
        confirm.addObject("scopes", device.get().scopes());
        return confirm;
    }

    /** The user's answer, from a signed-in browser: recorded as approved or denied, once. */
    @PostMapping(DeviceAuthorizationEndpoint.VERIFICATION_PATH + "/decision")
    public ModelAndView decide(HttpServletRequest request, HttpServletResponse response) {
        String typed = request.getParameter(USER_CODE);
        Optional<OpenSession> session = sessions.current(request);
        if (session.isEmpty()) {
            return page(typed, "Your sign-in has ended. Sign in again.", HttpStatus.OK, false, response);
        }
        Optional<DeviceAuthorization> device = pending(typed, request.getRemoteAddr());
        if (device.isEmpty()) {
            return refusedCode(typed, request, true, response);
        }
        boolean approved = "allow".equals(request.getParameter("decision"));
        String userId = session.get().userId();
        DecideDeviceAuthorization.Outcome outcome = commands.sendAndWait(new DecideDeviceAuthorization(
                device.get().grantId(), userId, approved, Sessions.authentication(session.get()), clock.instant(),
                Actor.user(userId)));
        if (outcome != DecideDeviceAuthorization.Outcome.RECORDED) {
            return page(null, "That code has expired or was already used. Start again on the device.",
                    HttpStatus.OK, true, response);
        }
        ModelAndView done = view("device-done", HttpStatus.OK, response);
        done.addObject("approved", approved);
        done.addObject("clientName", device.get().clientName());
        return done;
    }

    /** A pending, unexpired request by its user code; unless this address has guessed too often already. */
    private Optional<DeviceAuthorization> pending(String typed, String address) {
        if (throttle.waitFor(key(address)).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return devices.pendingByUserCodeHash(userCodes.hash(typed)).filter(device -> device.pendingAt(now));
    }

    private ModelAndView refusedCode(String typed, HttpServletRequest request, boolean signedIn,
                                     HttpServletResponse response) {
        Optional<Duration> wait = throttle.failed(key(request.getRemoteAddr()));
        if (wait.isPresent()) {
            return page(typed, "Too many codes tried. Try again in " + Math.max(1, wait.get().toSeconds())
                               + " seconds.", HttpStatus.TOO_MANY_REQUESTS, signedIn, response);
        }
        return page(typed, "That code is not valid, or has expired.", HttpStatus.OK, signedIn, response);
    }

    private static FailureThrottle.Key key(String address) {
        return FailureThrottle.Key.perAddress("device-user-code", address, CODE_TRIES_PER_MINUTE);
    }

    private static ModelAndView page(String userCode, String message, HttpStatus status, boolean signedIn,
                                     HttpServletResponse response) {
        ModelAndView page = view("device", status, response);
        page.addObject("userCode", userCode == null ? "" : userCode);
        page.addObject("message", message);
        page.addObject("signedIn", signedIn);
        return page;
    }

    private static ModelAndView view(String name, HttpStatus status, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        ModelAndView view = new ModelAndView(name);
        view.setStatus(status);
        return view;
    }
}
