package io.tokenledger.app.device;

import com.nimbusds.oauth2.sdk.device.UserCode;
import io.tokenledger.app.secret.Secrets;

/**
 * User codes as a person types them (RFC 8628 §6.1): case, dashes and spaces do not matter, so a code is compared, and
 * hashed, by its letters alone.
 */
final class UserCodes {

    private UserCodes() {
    }

    /** The hash the ledger keeps of a user code, whatever separators or case it was typed with. */
    static String hash(String typed) {
        return Secrets.sha256(normalised(typed));
    }

    static String normalised(String typed) {
        return typed == null ? "" : UserCode.stripIllegalChars(typed, UserCode.LETTER_CHAR_SET);
    }
}
