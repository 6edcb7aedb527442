package io.vitalink.api.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void matchesIpv4BlocksAndSingleAddresses() {
        IpRange block = IpRange.parse("192.168.16.0/20");

        assertThat(block.contains(IpRange.literal("192.168.16.1"))).isTrue();
        assertThat(block.contains(IpRange.literal("192.168.31.255"))).isTrue();
        assertThat(block.contains(IpRange.literal("192.168.32.0"))).isFalse();
        assertThat(IpRange.parse("10.1.2.3").contains(IpRange.literal("10.1.2.3"))).isTrue();
        assertThat(IpRange.parse("10.1.2.3").contains(IpRange.literal("10.1.2.4"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("203.0.113.9"))).isTrue();
    }

    @Test
    void matchesIpv6BlocksAndTheLoopback() {
        IpRange block = IpRange.parse("2001:db8:abcd::/48");

        assertThat(block.contains(IpRange.literal("2001:db8:abcd:12::1"))).isTrue();
        assertThat(block.contains(IpRange.literal("2001:db8:abce::1"))).isFalse();
        assertThat(IpRange.parse("::1").contains(IpRange.literal("[0:0:0:0:0:0:0:1]"))).isTrue();
    }

    @Test
    void comparesIpv4MappedIpv6AddressesAsIpv4AndNeverMixesFamilies() {
        assertThat(IpRange.parse("127.0.0.0/8").contains(IpRange.literal("::ffff:127.0.0.1"))).isTrue();
        assertThat(IpRange.parse("::/0").contains(IpRange.literal("127.0.0.1"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("::1"))).isFalse();
    }

    @Test
    void refusesHostNamesAndBadPrefixesWithoutAskingDns() {
        assertThat(IpRange.literal("localhost")).isNull();
        assertThat(IpRange.literal("example.org")).isNull();
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRange.parse("::/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRange.parse("intranet")).isInstanceOf(IllegalArgumentException.class);
    }
}
