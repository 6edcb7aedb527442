package io.vitalink.api.network;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;

/**
 * The address a request comes from: the TCP peer, unless the peer is a configured trusted proxy, in which case
 * the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Forwarding headers from
 * anyone else are ignored: a client could write any address there.
 */
@Singleton
public class ClientAddresses {

    private final List<IpRange> trustedProxies;

    public ClientAddresses(@Value("${vitalink.security.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(s -> !s.isBlank()).map(IpRange::parse).toList();
    }

    public InetAddress address(HttpRequest<?> request) {
        InetAddress peer = IpRange.normalise(request.getRemoteAddress().getAddress());
        if (!trusted(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For");
        InetAddress client = peer;
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                InetAddress hop = IpRange.literal(hops[i].trim());
                if (hop == null) {
                    return client; // garbage in the chain: trust nothing to its left
                }
                client = hop;
                if (!trusted(hop)) {
                    return hop;
                }
            }
        }
        return client;
    }

    /** The client address as text, for the audit trail and throttling. */
    public String of(HttpRequest<?> request) {
        return address(request).getHostAddress();
    }

    /** Whether the TCP peer is a configured trusted proxy, whose forwarding headers are believed. */
    public boolean peerIsTrustedProxy(HttpRequest<?> request) {
        return trusted(IpRange.normalise(request.getRemoteAddress().getAddress()));
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(r -> r.contains(address));
    }
}
