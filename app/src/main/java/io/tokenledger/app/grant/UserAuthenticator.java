package io.tokenledger.app.grant;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Checks a username and password against the users table. */
@Component
public class UserAuthenticator {

    /** Checked when the user does not exist, so that an unknown name costs as much time as a wrong password. */
    private static final String DECOY = Secrets.bcrypt("decoy password for unknown users");

    private final UserLookup users;

    public UserAuthenticator(UserLookup users) {
        this.users = users;
    }

    public Optional<UserAccount> authenticate(String username, String password) {
        if (username == null || password == null || username.length() > 255 || password.length() > 1024) {
            return Optional.empty();
        }
        Optional<UserAccount> user = users.byUsername(username);
        boolean matches = Secrets.matches(password, user.map(UserAccount::passwordHash).orElse(DECOY));
        return user.filter(found -> matches);
    }

    /** The id of the account with this username, if there is one: what a failed sign-in records instead of the name. */
    public String existingUserId(String username) {
        return username == null || username.length() > 255 ? null
                : users.byUsername(username).map(UserAccount::userId).orElse(null);
    }
}
