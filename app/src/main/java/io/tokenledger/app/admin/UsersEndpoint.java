package io.tokenledger.app.admin;

import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.security.AdminActors;
import io.tokenledger.app.user.CreatedUser;
import io.tokenledger.app.user.Erasure;
import io.tokenledger.app.user.NewUser;
import io.tokenledger.app.user.ProfileChange;
import io.tokenledger.app.user.RoleChange;
import io.tokenledger.app.user.UserDisabler;
import io.tokenledger.app.user.UserEraser;
import io.tokenledger.app.user.UserPasswords;
import io.tokenledger.app.user.UserProfiles;
import io.tokenledger.app.user.UserRegistrar;
import io.tokenledger.app.user.UserRoles;
import io.tokenledger.app.user.UserSummary;
import io.tokenledger.app.web.Page;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** User administration, for callers holding a {@code ledger:admin} token. */
@RestController
public class UsersEndpoint {

    private final UserRegistrar registrar;
    private final UserLookup users;
    private final UserDisabler disabler;
    private final UserProfiles profiles;

    private final UserRoles roles;
    private final UserPasswords passwords;
    private final UserEraser eraser;

    public UsersEndpoint(UserRegistrar registrar, UserLookup users, UserDisabler disabler, UserProfiles profiles,
                         UserRoles roles, UserPasswords passwords, UserEraser eraser) {
        this.registrar = registrar;
        this.users = users;
        this.disabler = disabler;
        this.profiles = profiles;
        this.roles = roles;
        this.passwords = passwords;
        this.eraser = eraser;
    }

    /**
     * The accounts in the order they were created, a page at a time ({@code after} is the previous page's
     * {@code next}); {@code q} keeps those whose username starts with it.
     */
    @GetMapping("/admin/users")
    public ResponseEntity<Page<UserSummary>> list(@RequestParam(required = false) String q,
                                                  @RequestParam(required = false) String after,
                                                  @RequestParam(defaultValue = "50") int limit) {
        List<UserSummary> page = users.page(q, after, ClientsEndpoint.pageSize(limit)).stream().map(UserSummary::of).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(Page.of(page, limit, UserSummary::userId));
    }

    @GetMapping("/admin/users/{userId}")
    public ResponseEntity<UserSummary> show(@PathVariable String userId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(UserSummary.of(user(userId)));
    }

    /** A new password, by the rules of a new account's; the account's sign-in sessions end. */
    @PutMapping("/admin/users/{userId}/password")
    public ResponseEntity<UserPasswords.Reset> password(@PathVariable String userId,
                                                        @RequestBody(required = false)
                                                        UserPasswords.PasswordChange change,
                                                        Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(passwords.reset(notErased(userId), change, AdminActors.of(caller)));
    }

    @PostMapping("/admin/users")
    public ResponseEntity<CreatedUser> create(@RequestBody NewUser user, Authentication caller) {
        return ResponseEntity.status(HttpStatus.CREATED)
                             .cacheControl(CacheControl.noStore())
                             .body(registrar.register(user, AdminActors.of(caller)));
    }

    /** The account signs in no more and its grants end; disabling a disabled account says so and records nothing. */
    @PostMapping("/admin/users/{userId}/disable")
    public ResponseEntity<UserDisabler.Disabled> disable(@PathVariable String userId, Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(disabler.disable(user(userId), AdminActors.of(caller)));
    }

    /** The claims UserInfo states beyond username and email; the whole profile, so what is left out is cleared. */
    @PutMapping("/admin/users/{userId}/profile")
    public ResponseEntity<UserProfiles.Profile> profile(@PathVariable String userId,
                                                        @RequestBody(required = false) ProfileChange change,
                                                        Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(profiles.update(notErased(userId), change, AdminActors.of(caller)));
    }

    /** Every role the user is to hold ({@code auditor}, {@code admin}); one left out is taken away. */
    @PutMapping("/admin/users/{userId}/roles")
    public ResponseEntity<UserRoles.Roles> roles(@PathVariable String userId,
                                                 @RequestBody(required = false) RoleChange change,
                                                 Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(roles.set(notErased(userId), change == null ? null : change.roles(),
                                     AdminActors.of(caller)));
    }

    /**
     * The person is erased (GDPR Art. 17, issue 25): the key of their personal data is destroyed, their events read
     * as erased, and the account signs in no more; their grants and sessions end. {@code reason} and
     * {@code requested_by} are required, and kept. Erasing again records nothing and ends whatever is still live.
     */
    @PostMapping("/admin/users/{userId}/erase")
    public ResponseEntity<UserEraser.Erased> erase(@PathVariable String userId,
                                                   @RequestBody(required = false) Erasure erasure,
                                                   Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(eraser.erase(user(userId), erasure, AdminActors.of(caller)));
    }

    private UserAccount notErased(String userId) {
        UserAccount user = user(userId);
        if (user.erased()) {
            throw OAuth2Exception.invalidRequest("the account was erased: it changes no more");
        }
        return user;
    }

    private UserAccount user(String userId) {
        return users.byUserId(userId).orElseThrow(() -> OAuth2Exception.notFound("no such user"));
    }
}
