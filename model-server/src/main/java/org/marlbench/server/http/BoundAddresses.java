package org.marlbench.server.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the server really answers, from the address its socket is bound to: that address, or for a
 * wildcard bind every address of every interface that is up. On a dual-stack host Java binds
 * 0.0.0.0 as :: (it then answers on IPv6 too, so those addresses are listed); only an IPv4-only
 * socket (-Djava.net.preferIPv4Stack=true) limits the list to IPv4. {@link #url()} is the one to
 * print: never a wildcard, which reaches nothing; for a wildcard, a real interface address (IPv4
 * before IPv6, loopback only if there is nothing else).
 */
public record BoundAddresses(InetSocketAddress bound, List<InetAddress> addresses) {

    public static BoundAddresses of(InetSocketAddress bound) {
        InetAddress a = bound.getAddress();
        if (!a.isAnyLocalAddress()) return new BoundAddresses(bound, List.of(a));
        boolean ipv4Only = a instanceof Inet4Address;
        List<InetAddress> all = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp()) continue;
                for (InetAddress ia : nic.inetAddresses().toList()) {
                    if (!ipv4Only || ia instanceof Inet4Address) all.add(ia);
                }
            }
        } catch (SocketException e) {
            all.add(InetAddress.getLoopbackAddress()); // cannot list interfaces: loopback reaches it anyway
        }
        all.sort(Comparator.comparingInt(BoundAddresses::preference));
        return new BoundAddresses(bound, List.copyOf(all));
    }

    /** Only loopback answers: nothing outside this machine can reach the server. */
    public boolean loopbackOnly() {
        return addresses.stream().allMatch(InetAddress::isLoopbackAddress);
    }

    /** The URL to print: the first (most reachable) address. */
    public String url() {
        return url(addresses.get(0));
    }

    /** One URL per address the server answers on. */
    public List<String> urls() {
        return addresses.stream().map(this::url).toList();
    }

    private String url(InetAddress a) {
        String host = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope >= 0 ? host.substring(0, scope) + "%25" + host.substring(scope + 1) : host) + "]";
        }
        return "http://" + host + ":" + bound.getPort();
    }

    /** Lower first: IPv4 other than loopback, then global IPv6, then link-local, loopback last. */
    private static int preference(InetAddress a) {
        if (a.isLoopbackAddress()) return 4;
        if (a.isLinkLocalAddress()) return 3;
        return a instanceof Inet4Address ? 1 : 2;
    }
}
