package io.vitalink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.serde.UndecodableException;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final String ID = "11010519491231002X";
    private final FieldCipher cipher = FieldCipher.ephemeral();

    @Test
    void sealsAnIdTheSameWayEveryTimeSoItCanBeAKey() {
        assertThat(cipher.sealId(ID)).isEqualTo(cipher.sealId(ID)).doesNotContain(ID);
        assertThat(cipher.openId(cipher.sealId(ID))).isEqualTo(ID);
    }

    @Test
    void sealsDifferentIdsDifferently() {
        assertThat(cipher.sealId(ID)).isNotEqualTo(cipher.sealId("110105194912310029"));
    }

    @Test
    void sealsAFieldWithAFreshNonceEachTime() {
        String first = cipher.seal("张三", "name");

        assertThat(first).isNotEqualTo(cipher.seal("张三", "name"));
        assertThat(cipher.open(first, "name")).isEqualTo("张三");
    }

    @Test
    void refusesToOpenAFieldSealedForAnotherField() {
        String sealed = cipher.seal("张三", "name");

        assertThatThrownBy(() -> cipher.open(sealed, "deathPlace")).isInstanceOf(UndecodableException.class)
                .hasMessageContaining("deathPlace");
    }

    @Test
    void refusesATamperedCiphertext() {
        String sealed = cipher.seal("张三", "name");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> cipher.open(tampered, "name")).isInstanceOf(UndecodableException.class);
    }

    @Test
    void refusesAClearValueWithoutEchoingIt() {
        assertThatThrownBy(() -> cipher.openId(ID + "!"))
                .isInstanceOf(UndecodableException.class)
                .hasMessageNotContaining(ID);
    }

    @Test
    void refusesCiphertextOfOtherKeys() {
        String sealed = FieldCipher.ephemeral().sealId(ID);

        assertThatThrownBy(() -> cipher.openId(sealed)).isInstanceOf(UndecodableException.class);
    }

    @Test
    void leavesNullsNull() {
        assertThat(cipher.sealId(null)).isNull();
        assertThat(cipher.seal(null, "name")).isNull();
        assertThat(cipher.open(null, "name")).isNull();
    }
}
