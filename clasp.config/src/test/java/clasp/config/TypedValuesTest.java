package clasp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

/** Text to the value a MetaType attribute declares, with the messages the shell and the dashboard show. */
class TypedValuesTest {
    private static TypedValues.Attribute attribute(String id, int type, int cardinality) {
        return new TypedValues.Attribute(id, type, cardinality, List.of(), null);
    }

    @Test
    void scalarsTakeTheAttributesType() throws Exception {
        assertThat(TypedValues.convert(attribute("port", AttributeDefinition.INTEGER, 0), List.of(" 9001 "))).isEqualTo(9001);
        assertThat(TypedValues.convert(attribute("expiry", AttributeDefinition.LONG, 0), List.of("86400000000"))).isEqualTo(86_400_000_000L);
        assertThat(TypedValues.convert(attribute("on", AttributeDefinition.BOOLEAN, 0), List.of("TRUE"))).isEqualTo(true);
        assertThat(TypedValues.convert(attribute("sep", AttributeDefinition.CHARACTER, 0), List.of("/"))).isEqualTo('/');
        assertThat(TypedValues.convert(attribute("name", AttributeDefinition.STRING, 0), List.of(" a b "))).isEqualTo(" a b ");
    }

    @Test
    void arraysHaveOneElementPerItem() throws Exception {
        assertThat((Integer[]) TypedValues.convert(attribute("ports", AttributeDefinition.INTEGER, -3), List.of("1", "2")))
                .containsExactly(1, 2);
        assertThat((String[]) TypedValues.convert(attribute("peers", AttributeDefinition.STRING, 10), List.of()))
                .isEmpty();
    }

    @Test
    void refusalsNameTheKey() {
        assertThatThrownBy(() -> TypedValues.convert(attribute("port", AttributeDefinition.INTEGER, 0), List.of("http")))
                .isInstanceOf(TypedValues.InvalidValue.class).hasMessage("port: expected an int, got 'http'");
        assertThatThrownBy(() -> TypedValues.convert(attribute("rate", AttributeDefinition.DOUBLE, 0), List.of("fast")))
                .hasMessage("rate: expected a double, got 'fast'");
        assertThatThrownBy(() -> TypedValues.convert(attribute("on", AttributeDefinition.BOOLEAN, 0), List.of("yes")))
                .hasMessage("on: expected true or false, got 'yes'");
        assertThatThrownBy(() -> TypedValues.convert(attribute("sep", AttributeDefinition.CHARACTER, 0), List.of("::")))
                .hasMessage("sep: expected one character, got '::'");
        assertThatThrownBy(() -> TypedValues.convert(attribute("ports", AttributeDefinition.INTEGER, 2), List.of("1", "2", "3")))
                .hasMessage("ports takes at most 2 values, got 3");
        TypedValues.Attribute mode = new TypedValues.Attribute("mode", AttributeDefinition.STRING, 0, List.of("pub", "sub"), null);
        assertThatThrownBy(() -> TypedValues.convert(mode, List.of("both"))).hasMessage("mode: 'both' is not one of pub, sub");
    }

    @Test
    void theValidatorsProblemIsShownWithoutFelixsKeyMarker() throws Exception {
        TypedValues.Attribute even = new TypedValues.Attribute("n", AttributeDefinition.INTEGER, 0, List.of(),
                v -> Integer.parseInt(v) % 2 == 0 ? "" : "%not even");
        assertThat(TypedValues.convert(even, List.of("4"))).isEqualTo(4);
        assertThatThrownBy(() -> TypedValues.convert(even, List.of("3"))).hasMessage("n=3: not even");
        TypedValues.Attribute broken = new TypedValues.Attribute("n", AttributeDefinition.INTEGER, 0, List.of(),
                v -> { throw new IllegalStateException("validator bug"); });
        assertThat(TypedValues.convert(broken, List.of("3"))).isEqualTo(3);
    }

    @Test
    void valueClassesMapToTheirTypes() {
        assertThat(TypedValues.typeOf(int.class)).isEqualTo(AttributeDefinition.INTEGER);
        assertThat(TypedValues.typeOf(Long.class)).isEqualTo(AttributeDefinition.LONG);
        assertThat(TypedValues.typeOf(Object.class)).isEqualTo(AttributeDefinition.STRING);
        assertThat(TypedValues.javaType(AttributeDefinition.PASSWORD)).isEqualTo(String.class);
        assertThat(TypedValues.typeName(AttributeDefinition.STRING)).isEqualTo("String");
    }
}
