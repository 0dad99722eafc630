package io.tokenledger.app.authorize;

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

    /** The account a typed username names, however it is spelled. */
    public Optional<UserAccount> find(String username) {
        return username == null || username.length() > 255 ? Optional.empty() : users.byUsername(username);
    }

    /** Checks the password; the answer names the account, if it exists, whether or not the password matched. */
    public SignIn authenticate(Optional<UserAccount> account, String password) {
        boolean checkable = password != null && password.length() <= 1024;
        boolean matches = checkable && Secrets.matches(password, account.map(UserAccount::passwordHash).orElse(DECOY));
        // A disabled account is refused as a wrong password is: the page does not tell a guesser which it was.
        return new SignIn(account.orElse(null), matches && account.filter(a -> !a.disabled()).isPresent());
    }

    /**
     * @param account  the account with the given username, or null
     * @param accepted whether the password was that account's
     */
    public record SignIn(UserAccount account, boolean accepted) {

        public String userId() {
            return account == null ? null : account.userId();
        }
    }
}
