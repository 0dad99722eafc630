package io.tokenledger.projections.integrity.sealing;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys that seal events and link the chain, by id ({@code LEDGER_SEAL_KEY}): {@code id:base64,id:base64,...},
 * the last one listed the newest, used for every new seal and link; the older ones stay, so what they made still
 * verifies. A bare base64 key is key {@code 0}, which is also the key of every row sealed before keys had ids.
 */
public final class SealKeys {

    public static final String FIRST_ID = "0";
    private static final int MIN_KEY_BYTES = 32;
    private static final int MAX_ID_LENGTH = 32;

    private final Map<String, byte[]> keys;
    private final String newest;

    private SealKeys(Map<String, byte[]> keys, String newest) {
        this.keys = keys;
        this.newest = newest;
    }

    /** Parses the setting; a key shorter than 32 bytes, a duplicate or malformed id is refused with the reason. */
    public static SealKeys parse(String setting) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String newest = null;
        for (String entry : setting.trim().split("\\s*,\\s*")) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? FIRST_ID : entry.substring(0, colon);
            if (!id.matches("[A-Za-z0-9_.-]{1," + MAX_ID_LENGTH + "}")) {
                throw new IllegalArgumentException(
                        "LEDGER_SEAL_KEY: a key id is 1-32 letters, digits, '.', '_' or '-'");
            }
            if (keys.put(id, decode(entry.substring(colon + 1), id)) != null) {
                throw new IllegalArgumentException("LEDGER_SEAL_KEY names key " + id + " twice");
            }
            newest = id;
        }
        return new SealKeys(keys, newest);
    }

    /** One key, with an id of its own. */
    public static SealKeys of(String id, byte[] key) {
        return new SealKeys(Map.of(id, key.clone()), id);
    }

    public String newestId() {
        return newest;
    }

    byte[] newestKey() {
        return keys.get(newest);
    }

    /** The key with this id (null: key {@code 0}), if this server holds it. */
    Optional<byte[]> key(String id) {
        return Optional.ofNullable(keys.get(id == null ? FIRST_ID : id));
    }

    private static byte[] decode(String base64, String id) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            key = decodeUrlSafe(base64, id);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "LEDGER_SEAL_KEY: key " + id + " must be at least 32 bytes, base64-encoded");
        }
        return key;
    }

    private static byte[] decodeUrlSafe(String base64, String id) {
        try {
            return Base64.getUrlDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LEDGER_SEAL_KEY: key " + id + " is not base64", e);
        }
    }
}
