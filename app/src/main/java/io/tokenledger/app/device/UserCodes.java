package io.tokenledger.app.device;

import com.nimbusds.oauth2.sdk.device.UserCode;
import io.tokenledger.app.secret.SharedKeys;
import org.springframework.stereotype.Component;

import java.util.HexFormat;

/**
 * User codes as a person types them (RFC 8628 §6.1): case, dashes and spaces do not matter, so a code is compared, and
 * hashed, by its letters alone. The hash is keyed (a key in {@code ledger_settings}): a code of some 34 bits under a
 * plain SHA-256 would be reversed in seconds by anyone who reads the ledger, within the code's ten minutes.
 */
@Component
class UserCodes {

    private static final String SETTING = "device_user_code_key";

    private final SharedKeys keys;

    UserCodes(SharedKeys keys) {
        this.keys = keys;
    }

    /** What the ledger keeps of a user code, whatever separators or case it was typed with. */
    String hash(String typed) {
        return "hmac-sha256:" + HexFormat.of().formatHex(keys.hmac(SETTING, normalised(typed)));
    }

    private static String normalised(String typed) {
        return typed == null ? "" : UserCode.stripIllegalChars(typed, UserCode.LETTER_CHAR_SET);
    }
}
