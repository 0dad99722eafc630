package io.tokenledger.app.admin;

import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.user.CreatedUser;
import io.tokenledger.app.user.NewUser;
import io.tokenledger.app.user.UserDisabler;
import io.tokenledger.app.user.UserRegistrar;
import io.tokenledger.events.Actor;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** User administration, for callers holding a {@code ledger:admin} token. */
@RestController
public class UsersEndpoint {

    private final UserRegistrar registrar;
    private final UserLookup users;
    private final UserDisabler disabler;

    public UsersEndpoint(UserRegistrar registrar, UserLookup users, UserDisabler disabler) {
        this.registrar = registrar;
        this.users = users;
        this.disabler = disabler;
    }

    @PostMapping("/admin/users")
    public ResponseEntity<CreatedUser> create(@RequestBody NewUser user, Authentication caller) {
        return ResponseEntity.status(HttpStatus.CREATED)
                             .cacheControl(CacheControl.noStore())
                             .body(registrar.register(user, Actor.admin(caller.getName())));
    }

    /** The account signs in no more and its grants end; disabling a disabled account says so and records nothing. */
    @PostMapping("/admin/users/{userId}/disable")
    public ResponseEntity<UserDisabler.Disabled> disable(@PathVariable String userId, Authentication caller) {
        UserAccount user = users.byUserId(userId).orElseThrow(() -> OAuth2Exception.notFound("no such user"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(disabler.disable(user, Actor.admin(caller.getName())));
    }
}
