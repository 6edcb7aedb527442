package io.vitalink.api.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** One address or CIDR block, IPv4 or IPv6: {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}. */
public record IpRange(byte[] network, int prefixLength, String text) {

    /** Digits, hex letters, dots and colons only: never a host name, so parsing never asks DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    public static IpRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + text);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("CIDR prefix length out of range: " + text);
        }
        return new IpRange(mask(bytes, prefix), prefix, text);
    }

    /** The address of an IP literal (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
    public static InetAddress literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.isEmpty() || !LITERAL.matcher(s).matches()) {
            return null;
        }
        try {
            return normalise(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv4 client on a dual-stack socket may appear as {@code ::ffff:a.b.c.d}: compare it as IPv4. */
    public static InetAddress normalise(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = normalise(address).getAddress();
        if (bytes.length != network.length) {
            return false; // an IPv4 block never holds an IPv6 address and the other way round
        }
        return Arrays.equals(mask(bytes, prefixLength), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff00 >> keep);
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
