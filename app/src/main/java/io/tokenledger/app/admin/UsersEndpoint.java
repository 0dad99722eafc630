package io.tokenledger.app.admin;

import io.tokenledger.app.user.CreatedUser;
import io.tokenledger.app.user.NewUser;
import io.tokenledger.app.user.UserRegistrar;
import io.tokenledger.events.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** User administration, for callers holding a {@code ledger:admin} token. */
@RestController
public class UsersEndpoint {

    private final UserRegistrar registrar;

    public UsersEndpoint(UserRegistrar registrar) {
        this.registrar = registrar;
    }

    @PostMapping("/admin/users")
    public ResponseEntity<CreatedUser> create(@RequestBody NewUser user, Authentication caller) {
        return ResponseEntity.status(HttpStatus.CREATED)
                             .header("Cache-Control", "no-store")
                             .body(registrar.register(user, Actor.admin(caller.getName())));
    }
}
