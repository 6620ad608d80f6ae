package clasp.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void validAddresses() {
        assertThat(Address.isValid("/")).isTrue();
        assertThat(Address.isValid("/a/")).isTrue();
        assertThat(Address.isValid("/lights/*/brightness")).isTrue();
        assertThat(Address.isValid("/a b/ü/..")).isTrue();
    }

    @Test
    void invalidAddressesNameTheirProblem() {
        assertThat(Address.problem("")).isEqualTo("invalid address: empty address");
        assertThat(Address.problem("a/b")).isEqualTo("invalid address: address must start with '/': a/b");
        assertThat(Address.problem("/a//b")).isEqualTo("invalid address: empty segment in address: /a//b");
        assertThat(Address.problem("//a")).isEqualTo("invalid address: empty segment in address: //a");
    }
}
