package io.tokenledger.app.user;

import io.tokenledger.app.oauth2.OAuth2Exception;

import java.util.regex.Pattern;

/** What a user account may look like; refusals name the field, never echo the password. */
final class UserPolicy {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");
    /** NIST SP 800-63B §5.1.1.2: at least 8 characters; the upper bound only stops abuse. */
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024;

    private UserPolicy() {
    }

    static void validate(NewUser user) {
        if (user == null || user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            throw OAuth2Exception.invalidRequest("username must be 1-64 letters, digits or . _ @ + -");
        }
        if (user.email() == null || user.email().length() > 255 || !EMAIL.matcher(user.email()).matches()) {
            throw OAuth2Exception.invalidRequest("email must be an email address");
        }
        validatePassword(user.password(), user.username(), user.email());
    }

    static void validatePassword(String password, String username, String email) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw OAuth2Exception.invalidRequest("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters");
        }
        if (CommonPasswords.contains(password) || password.equalsIgnoreCase(username)
                || password.equalsIgnoreCase(email)) {
            throw OAuth2Exception.invalidRequest("password is too common, or is the username or email");
        }
    }
}
