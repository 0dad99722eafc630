package io.tokenledger.app.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** What a per-address bound counts: one IPv4 address, or one IPv6 /64, which a single host can hold whole. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * The address's block: an IPv6 address by its first 64 bits (RFC 4291's subnet prefix, which one customer
     * is commonly given entire), so rotating through it buys no fresh bucket; anything else as given.
     */
    public static String block(String address) {
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "::/64";
            }
        } catch (UnknownHostException e) {
            // Not a literal address (Tomcat always gives one); counted as given.
        }
        return address;
    }
}
